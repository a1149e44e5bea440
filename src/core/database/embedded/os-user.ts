import { execFileSync, spawnSync } from 'node:child_process';
import { EmbeddedDatabaseError } from './start-failure';

/** An operating-system account the embedded PostgreSQL runs as. */
export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** The account that runs this process: PostgreSQL runs as it when it is not root. */
export function currentUser(): OsUser {
  return { name: process.env.USER ?? String(process.getuid?.() ?? ''), uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1 };
}

function lookup(name: string): OsUser | null {
  try {
    const uid = Number(
      execFileSync('id', ['-u', name], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
    );
    const gid = Number(
      execFileSync('id', ['-g', name], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
    );
    return Number.isInteger(uid) && Number.isInteger(gid) ? { name, uid, gid } : null;
  } catch {
    return null;
  }
}

/** The account that owns a uid, for messages (`postgres`, or the number when unnamed). */
export function nameOf(uid: number): string {
  try {
    return (
      execFileSync('id', ['-nu', String(uid)], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim() || String(uid)
    );
  } catch {
    return String(uid);
  }
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the unprivileged system account
 * `postgres` (Debian's PostgreSQL package uses the same name), created here when missing.
 */
export function databaseUser(name = 'postgres'): OsUser {
  const found = lookup(name);
  if (found) return found;
  const attempts: [string, string[]][] = [
    ['useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name]],
    ['adduser', ['-S', '-D', '-H', '-h', '/nonexistent', '-s', '/sbin/nologin', name]],
  ];
  for (const [cmd, args] of attempts) {
    if (spawnSync(cmd, args, { stdio: 'ignore' }).status === 0) {
      const made = lookup(name);
      if (made) return made;
    }
  }
  throw new EmbeddedDatabaseError(
    `Haven runs as root, and PostgreSQL will not: it needs an unprivileged system user "${name}", which does not exist and could not be created (no useradd): create it, or run Haven as an ordinary user.`,
  );
}

/**
 * Whether `user` can reach `path` (execute a program, or enter a folder), asked of the kernel by
 * running `test -x` as that user, so ACLs and every parent folder's mode are taken into account.
 */
export function canReach(user: OsUser, path: string): boolean {
  return spawnSync('test', ['-x', path], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}
