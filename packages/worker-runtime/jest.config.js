module.exports = {
  ...require('../../jest.preset.js'),
  rootDir: __dirname,
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: require.resolve('@inner-circle/dev-services/jest-global-teardown'),
  testTimeout: 60_000,
};
