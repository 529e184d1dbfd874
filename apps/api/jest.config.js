module.exports = {
  ...require('../../jest.preset.js'),
  rootDir: __dirname,
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: require.resolve('@inner-circle/dev-services/jest-global-teardown'),
  testTimeout: 60_000,
  // @fastify/static (the console's files) requires content-disposition 3, an ES module: swc makes it CommonJS too.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|content-disposition)/)'],
};
