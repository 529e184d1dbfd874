module.exports = {
  ...require('../../jest.preset.js'),
  rootDir: __dirname,
  testTimeout: 180_000,
};
