import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp, createFastifyAdapter } from '../../src/app.setup';
import { ensureAppLogin, grantAppPrivileges } from '../../src/core/database/app-login';
import { runMigrations } from '../../src/core/database/migrate';
import type { Role } from '../../src/core/auth/roles';
import { insertReadyUserAt, testPasswordHash } from './ready-user';
import { createDatabase, superuser } from './test-database';

export const TEST_PASSWORD = 'Correct-Horse-Battery-9';

/** Fixture users, one per role and place: the central team and two borough teams. */
export const FIXTURE_USERS = {
  admin: { role: 'admin', unit: 'CENTRAL' },
  auditor: { role: 'auditor', unit: 'CENTRAL' },
  centralOfficer: { role: 'officer', unit: 'CENTRAL' },
  centralSupervisor: { role: 'supervisor', unit: 'CENTRAL' },
  neOfficer: { role: 'officer', unit: 'BCU-NE' },
  neSupervisor: { role: 'supervisor', unit: 'BCU-NE' },
  neSupervisor2: { role: 'supervisor', unit: 'BCU-NE' },
  swOfficer: { role: 'officer', unit: 'BCU-SW' },
  swSupervisor: { role: 'supervisor', unit: 'BCU-SW' },
} as const satisfies Record<string, { role: Role; unit: string }>;

export type FixtureName = keyof typeof FIXTURE_USERS;

export interface TestApp {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  db: DataSource;
  databaseUrl: string;
  /** The signing key this app was started with, for tests that forge or expire tokens. */
  jwtSecret: string;
  units: Record<'CENTRAL' | 'BCU-NE' | 'BCU-SW', string>;
  users: Record<FixtureName, string>;
  /** A bearer token for a fixture user (logged in once through the API, then cached). */
  token(name: FixtureName): Promise<string>;
  /** Audit events matching the given columns, oldest first. */
  auditEvents(where: Partial<Record<string, unknown>>): Promise<Record<string, any>[]>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Load the fixture units and users (default true). */
  fixtures?: boolean;
  env?: Record<string, string>;
  /** Run the app as a least-privilege login (as a server in production does) instead of the superuser. */
  leastPrivilege?: boolean;
  /** Extra controllers mounted beside AppModule's (to prove the guard refuses undeclared routes). */
  extraControllers?: Type<unknown>[];
}

/**
 * Boots the real AppModule on Fastify against a fresh database built by the migrations, with the
 * same global guard, pipe, filter and hooks as the server.
 */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const database = await createDatabase();
  await runMigrations(database.url);
  let appUrl = database.url;
  if (opts.leastPrivilege) {
    const role = `${database.name}_app`;
    await ensureAppLogin(database.url, role, 'app-login-test-password');
    await grantAppPrivileges(database.url, role);
    const u = new URL(database.url);
    u.username = role;
    u.password = 'app-login-test-password';
    appUrl = u.toString();
  }
  const env: Record<string, string> = {
    DATABASE_URL: appUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.HAVEN_TEST_LOG_LEVEL ?? 'silent',
    AUDIT_SEAL_INTERVAL_MS: '200',
    ...(opts.env ?? {}),
  };
  const saved = { ...process.env };
  for (const k of ['HAVEN_ADMIN_USERNAME', 'HAVEN_ADMIN_PASSWORD', 'DATABASE_MIGRATION_URL']) delete process.env[k];
  Object.assign(process.env, env);
  let units = {} as TestApp['units'];
  let users = {} as TestApp['users'];
  if (opts.fixtures !== false) ({ units, users } = await loadFixtures(database.url));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule], controllers: opts.extraControllers ?? [] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  process.env = saved;
  const db = app.get(DataSource);
  const tokens = new Map<string, string>();
  const http = () => request(app.getHttpServer());
  return {
    app,
    http,
    db,
    databaseUrl: database.url,
    jwtSecret: env.JWT_SECRET,
    units,
    users,
    async token(name) {
      const cached = tokens.get(name);
      if (cached) return cached;
      const res = await http()
        .post('/api/v1/auth/login')
        .send({ username: fixtureUsername(name), password: TEST_PASSWORD });
      if (res.status !== 200) throw new Error(`fixture login ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(name, res.body.accessToken);
      return res.body.accessToken;
    },
    async auditEvents(where) {
      const keys = Object.keys(where);
      const cond = keys.map((k, i) => `${k} = $${i + 1}`).join(' AND ') || 'TRUE';
      return db.query(`SELECT * FROM audit_events WHERE ${cond} ORDER BY seq`, Object.values(where));
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export function fixtureUsername(name: FixtureName): string {
  return name.replace(/[A-Z]/g, (c) => `.${c.toLowerCase()}`);
}

/** Inserts the fixture units and users directly: the tests are about what comes after. */
async function loadFixtures(url: string) {
  const c = await superuser(url);
  try {
    const hash = await testPasswordHash(TEST_PASSWORD);
    const units = {} as TestApp['units'];
    for (const [code, kind] of [
      ['CENTRAL', 'central'],
      ['BCU-NE', 'borough'],
      ['BCU-SW', 'borough'],
    ] as const) {
      const { rows } = await c.query(`INSERT INTO units (code, name, kind) VALUES ($1, $2, $3) RETURNING id`, [code, `${code} team`, kind]);
      units[code] = rows[0].id;
    }
    const users = {} as TestApp['users'];
    for (const [name, f] of Object.entries(FIXTURE_USERS) as [FixtureName, { role: Role; unit: keyof typeof units }][]) {
      const { rows } = await c.query(`INSERT INTO users (username, display_name, role, unit_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
        fixtureUsername(name),
        name,
        f.role,
        units[f.unit],
        hash,
      ]);
      users[name] = rows[0].id;
    }
    return { units, users };
  } finally {
    await c.end();
  }
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * A ready account (password TEST_PASSWORD, not one-time, not awaiting approval) written straight
 * into the database, as the fixtures are: for tests that need more users than the fixtures, e.g.
 * a second admin. Accounts made through the API get one-time passwords and four eyes instead.
 */
export function insertReadyUser(t: TestApp, username: string, role: Role, unit: keyof TestApp['units']): Promise<string> {
  return insertReadyUserAt(t.databaseUrl, { username, role, unitId: t.units[unit], password: TEST_PASSWORD });
}

/** Signs in through the API as any user with TEST_PASSWORD; the bearer header. */
export async function signInAs(t: TestApp, username: string, password = TEST_PASSWORD): Promise<{ Authorization: string }> {
  const res = await t.http().post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return bearer(res.body.accessToken);
}
