// Browser tests: the built server (dist/) driven by Debian's headless Chromium through
// playwright-core (no browser download). Run with `npm run test:browser`, which builds first.
module.exports = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: '.',
  testRegex: ['test/web/.*\\.browser-spec\\.ts$'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  testTimeout: 300000,
  maxWorkers: 1,
};
