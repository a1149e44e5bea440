// Unit specs beside the code (src/ *.spec.ts) and e2e specs in test/ share one database server.
module.exports = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: '.',
  // Three tiers: unit specs beside the code, medium specs (a service on a real database, no HTTP), e2e.
  testRegex: ['src/.*\\.spec\\.ts$', 'test/.*\\.medium-spec\\.ts$', 'test/.*\\.e2e-spec\\.ts$'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  testTimeout: 60000,
  maxWorkers: 1,
};
