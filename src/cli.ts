import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { prepareRuntime } from './bootstrap/runtime';
import { AuditService } from './core/audit/audit.service';
import { ChainVerifierService } from './core/audit/chain/chain-verifier.service';
import { PasswordService } from './core/auth/password.service';
import { passwordProblem } from './core/auth/password-policy';
import { ROLES, Role } from './core/auth/roles';
import { RequestContext } from './core/context/request-context';

const USAGE = `Haven command line

  npm run cli -- user:create --username <name> --role <officer|supervisor|auditor|admin> --unit <UNIT-CODE> [--display-name "<name>"]
      The password is read from HAVEN_NEW_PASSWORD, or asked for on the terminal. It is one-time: the
      user chooses their own at first sign-in. This is how a force makes the second admin (the one
      who can approve the first admin's requests): an operator action on the server, not in the web.
  npm run cli -- audit:verify
      Links every committed audit event into the chain, walks it, prints {valid, checked, firstBrokenSeq};
      exits 0 when valid, 3 when a link is broken.

Uses DATABASE_URL, or the embedded database under DATA_DIR (stop a running server first).`;

async function readPassword(): Promise<string> {
  if (process.env.HAVEN_NEW_PASSWORD) return process.env.HAVEN_NEW_PASSWORD;
  if (!process.stdin.isTTY) throw new Error('set HAVEN_NEW_PASSWORD (no terminal to ask on)');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const pw = await rl.question('Password for the new user: ');
  rl.close();
  return pw;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (!['user:create', 'audit:verify'].includes(command)) {
    process.stderr.write(`unknown command "${command}"\n\n${USAGE}\n`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { username: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, 'display-name': { type: 'string' } },
  });
  const runtime = await prepareRuntime((line) => process.stderr.write(`${line}\n`));
  process.env.LOG_LEVEL ??= 'warn';
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    if (command === 'audit:verify') {
      const result = await app.get(ChainVerifierService).verify();
      await app.get(AuditService).write(RequestContext.system('command line'), {
        action: 'audit.verify',
        entityType: 'audit_chain',
        outcome: 'success',
        details: { valid: result.valid, checked: result.checked, firstBrokenSeq: result.firstBrokenSeq, via: 'cli' },
      });
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return result.valid ? 0 : 3;
    }
    const username = values.username?.trim().toLowerCase();
    const role = values.role as Role;
    if (!username || !/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username)) throw new Error('--username: 3-64 lower-case letters, digits, . _ -');
    if (!ROLES.includes(role)) throw new Error(`--role: one of ${ROLES.join(', ')}`);
    if (!values.unit) throw new Error('--unit: the unit code, e.g. CENTRAL');
    const password = await readPassword();
    const problem = passwordProblem(password, username);
    if (problem) throw new Error(`password: ${problem}`);
    const db = app.get(DataSource);
    let [unit] = await db.query('SELECT id FROM units WHERE code = $1', [values.unit]);
    const ctx = RequestContext.system('command line');
    const audit = app.get(AuditService);
    const hash = await app.get(PasswordService).hash(password);
    await db.transaction(async (em) => {
      if (!unit && values.unit === 'CENTRAL') {
        [unit] = await em.query(`INSERT INTO units (code, name, kind) VALUES ('CENTRAL', 'Central team', 'central') RETURNING id`);
        await audit.write(ctx, { action: 'create', entityType: 'unit', entityId: unit.id, outcome: 'success', changes: { code: [null, 'CENTRAL'] } }, em);
      }
      if (!unit) throw new Error(`--unit: no unit with code ${values.unit}`);
      const [user] = await em.query(
        // One-time: the operator typed it, so its owner replaces it at first sign-in.
        'INSERT INTO users (username, display_name, role, unit_id, password_hash, must_change_password) VALUES ($1, $2, $3, $4, $5, true) RETURNING id',
        [username, values['display-name'] ?? username, role, unit.id, hash],
      );
      await audit.write(
        ctx,
        {
          action: 'create',
          entityType: 'user',
          entityId: user.id,
          outcome: 'success',
          changes: { username: [null, username], role: [null, role], mustChangePassword: [null, true] },
          details: { via: 'cli' },
        },
        em,
      );
    });
    process.stdout.write(`created ${role} "${username}" in ${values.unit}, with a one-time password they replace at first sign-in\n`);
    return 0;
  } finally {
    await app.close();
    await runtime.stopDatabase();
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(1);
  },
);
