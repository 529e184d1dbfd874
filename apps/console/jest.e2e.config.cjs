// The browser suite: the real api (and its in-process worker) on embedded PostgreSQL, driven through
// Debian's Chromium by playwright-core. Run with `npm run test:e2e -w @inner-circle/console`.
module.exports = {
  ...require('../../jest.preset.js'),
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: require.resolve('@inner-circle/dev-services/jest-global-teardown'),
  // @fastify/static requires content-disposition 3, an ES module: swc makes it CommonJS (as in the api's tests).
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|content-disposition)/)'],
  testTimeout: 300_000,
};
