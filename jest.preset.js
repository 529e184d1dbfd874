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
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swc] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@inner-circle/(domain|contracts|persistence|messaging|testing|config)$': `${packages}/$1/src/index.ts`,
  },
};
