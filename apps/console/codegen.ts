import type { CodegenConfig } from '@graphql-codegen/cli';

// Offline: the committed contract is the schema; nothing is fetched from a running api.
const config: CodegenConfig = {
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
