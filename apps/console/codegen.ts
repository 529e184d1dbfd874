// Offline: the committed contract is the schema; nothing is fetched from a running api.
// GraphQL Code Generator's config (run through `npm run codegen`, which fetches the generator from the
// npm registry: it stays out of the lockfile, where its dependencies would refuse Node 20).
const config = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          DateTime: 'string',
          EmailAddress: 'string',
          NonNegativeFloat: 'number',
          NonNegativeInt: 'number',
        },
      },
    },
  },
};

export default config;
