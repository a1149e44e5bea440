// The fault suite (npm run test:faults): real server processes, killed, starved of their database,
// raced and fuzzed. Separate from `npm test`, whose testRegex does not match *.fault-spec.ts.
const base = require('./jest.config');

module.exports = {
  ...base,
  testRegex: ['test/faults/.*\\.fault-spec\\.ts$'],
  testTimeout: 180000,
  maxWorkers: 1,
};
