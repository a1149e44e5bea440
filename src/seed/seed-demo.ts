import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { prepareRuntime } from '../bootstrap/runtime';
import { Actor } from '../core/auth/actor';
import { RequestContext } from '../core/context/request-context';
import { ArrestsService } from '../modules/arrests/arrests.service';
import { ExhibitMovementsService } from '../modules/exhibits/exhibit-movements.service';
import { ExhibitsService } from '../modules/exhibits/exhibits.service';
import { addWeeks, formatIsoWeek, isoWeekOfDate, mondayOf } from '../modules/figures/iso-week';
import { OperationsService } from '../modules/operations/operations.service';
import { ReferralsService } from '../modules/referrals/referrals.service';
import { SafeguardingVisitsService } from '../modules/safeguarding-visits/safeguarding-visits.service';
import { UnitsService } from '../modules/units/units.service';
import { FirstAdminService } from '../modules/users/first-admin.service';
import { UsersService } from '../modules/users/users.service';
import { WarrantsService } from '../modules/warrants/warrants.service';
import { DEMO_TARGETS as T, DEMO_UNITS, DEMO_USERS, seededRandom, spread } from './demo-week';

const ITEM_TYPES = ['phone', 'phone', 'phone', 'tablet', 'laptop', 'desktop', 'storage', 'storage', 'other'] as const;
const OUTCOMES = ['charged', 'released_under_investigation', 'bailed', 'cautioned', null] as const;
const SOURCES = ['NCA', 'NCA', 'NCA', 'CEOP', 'partner', 'internal', 'public'] as const;
const RISKS = ['low', 'medium', 'high', 'very_high'] as const;

/**
 * Loads invented demo data through the same services the API uses, so every row is validated,
 * scoped and audited exactly as if officers had entered it. Refuses a database that already
 * holds case records unless given --force.
 */
async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const weekArg = process.argv.find((a) => /^\d{4}-W\d{2}$/.test(a));
  const started = Date.now();
  const runtime = await prepareRuntime((line) => process.stderr.write(`${line}\n`));
  process.env.LOG_LEVEL = 'warn';
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  try {
    const db = app.get(DataSource);
    const [{ n }] = await db.query(
      `SELECT (SELECT count(*) FROM operations) + (SELECT count(*) FROM warrants) + (SELECT count(*) FROM exhibits) + (SELECT count(*) FROM referrals) AS n`,
    );
    if (Number(n) > 0 && !force) {
      throw new Error(`this database already holds ${n} case records; demo data goes only into an empty one (use --force to add it anyway)`);
    }
    // The week of action: the last complete ISO week, unless one is named.
    const lastWeek = addWeeks(isoWeekOfDate(new Date().toISOString().slice(0, 10)), -1);
    const week = weekArg ?? formatIsoWeek(lastWeek);
    const monday = mondayOf({ year: Number(week.slice(0, 4)), week: Number(week.slice(6)) });
    const mondayMs = Date.parse(`${monday}T00:00:00Z`);
    const rand = seededRandom(20210301);
    const at = (dayOffsetMax = 6.5) => new Date(mondayMs + Math.floor(rand() * dayOffsetMax * 86_400_000) + 3_600_000).toISOString();

    // The first admin (and the central team) the way start-up makes them, then everything else as that admin.
    const adminUser = DEMO_USERS[0];
    const adminPassword = `${randomBytes(9).toString('base64url')}-${randomBytes(6).toString('hex')}`;
    const madeAdmin = await app.get(FirstAdminService).createAdmin(adminUser.username, adminPassword, adminUser.displayName);
    const [admin] = await db.query(
      `SELECT u.id, u.username, u.unit_id FROM users u WHERE u.role = 'admin' AND NOT u.disabled ORDER BY (u.username = $1) DESC, u.created_at LIMIT 1`,
      [adminUser.username],
    );
    if (!admin) throw new Error('no admin account to enter the demo data as');
    const system = new RequestContext(
      { id: admin.id, username: admin.username, role: 'admin', unitId: admin.unit_id, central: true },
      'seed-demo',
      null,
      'demo data',
    );
    const units = app.get(UnitsService);
    const unitIds: Record<string, string> = {};
    for (const u of DEMO_UNITS) {
      const [existing] = await db.query('SELECT id FROM units WHERE code = $1', [u.code]);
      unitIds[u.code] = existing?.id ?? (await units.create(system, u)).id;
    }
    const users = app.get(UsersService);
    const printed: string[] = madeAdmin ? [`  ${adminUser.username.padEnd(20)} ${'admin'.padEnd(11)} ${'CENTRAL'.padEnd(8)} ${adminPassword}`] : [];
    const userIds: Record<string, string> = {};
    for (const u of DEMO_USERS.slice(1)) {
      const [existing] = await db.query('SELECT id FROM users WHERE username = $1', [u.username]);
      if (existing) {
        userIds[u.username] = existing.id;
        continue;
      }
      const password = `${randomBytes(9).toString('base64url')}-${randomBytes(6).toString('hex')}`;
      const created = await users.createByOperator(system, {
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        unitId: unitIds[u.unit],
        password,
      });
      userIds[u.username] = created.id;
      printed.push(`  ${u.username.padEnd(20)} ${u.role.padEnd(11)} ${u.unit.padEnd(8)} ${password}`);
    }

    // The records are entered by the central team's supervisor, who may write for every unit.
    const actor: Actor = { id: userIds['demo.supervisor'], username: 'demo.supervisor', role: 'supervisor', unitId: unitIds.CENTRAL, central: true };
    const ctx = new RequestContext(actor, 'seed-demo', null, 'demo data');
    const op = await app.get(OperationsService).create(ctx, {
      unitId: unitIds.CENTRAL,
      name: 'LANTERN',
      reference: `OP/DEMO/${week}`,
      startsOn: monday,
      status: 'active',
      description: 'Invented coordinated week of action (demo data)',
    });
    const codes = DEMO_UNITS.map((u) => u.code);
    const pick = <X>(xs: readonly X[]) => xs[Math.floor(rand() * xs.length)];
    const counts = { warrants: 0, arrests: 0, exhibits: 0, movements: 0, visits: 0, referrals: 0 };

    const warrantsSvc = app.get(WarrantsService);
    const kids = spread(T.childrenAtWarrants, T.warrantsExecuted, rand);
    const warrants: { id: string; unitId: string; executedAt: string }[] = [];
    for (let i = 0; i < T.warrantsExecuted + T.warrantsNotExecuted; i++) {
      const executed = i < T.warrantsExecuted;
      const unit = unitIds[codes[i % codes.length]];
      const executedAt = at();
      const w = await warrantsSvc.create(ctx, {
        unitId: unit,
        operationId: op.id,
        reference: `W/${week}/${String(i + 1).padStart(3, '0')}`,
        type: 'PCA 1978 s.4',
        status: executed ? 'executed' : 'granted',
        grantedAt: new Date(mondayMs - 2 * 86_400_000).toISOString(),
        executedAt: executed ? executedAt : null,
        locationArea: `NE${1 + (i % 9)}`,
        childrenSafeguarded: executed ? kids[i] : 0,
      });
      counts.warrants++;
      if (executed) warrants.push({ id: w.id, unitId: unit, executedAt });
    }
    const arrestsSvc = app.get(ArrestsService);
    for (let i = 0; i < T.arrests; i++) {
      const w = warrants[i % warrants.length];
      await arrestsSvc.create(ctx, {
        unitId: w.unitId,
        operationId: op.id,
        warrantId: w.id,
        arrestedAt: new Date(Date.parse(w.executedAt) + 1_800_000).toISOString(),
        suspectRef: `SUS-${randomBytes(3).toString('hex').toUpperCase()}`,
        offenceCode: pick(['86/1', '86/2', '86/9', '88/1']),
        outcome: pick(OUTCOMES),
      });
      counts.arrests++;
    }
    const exhibitsSvc = app.get(ExhibitsService);
    const movements = app.get(ExhibitMovementsService);
    for (let i = 0; i < T.exhibits; i++) {
      const w = warrants[i % warrants.length];
      const seizedAt = new Date(Date.parse(w.executedAt) + 3_600_000);
      const e = await exhibitsSvc.create(ctx, {
        unitId: w.unitId,
        operationId: op.id,
        warrantId: w.id,
        reference: `DO/${i + 1}`,
        itemType: pick(ITEM_TYPES),
        seizedAt: seizedAt.toISOString(),
        sealNumber: `SEAL${String(100000 + i)}`,
        description: 'Invented item for demonstration',
        forensicStatus: 'awaiting',
      });
      counts.exhibits++;
      if (i % 4 === 0) {
        await movements.create(ctx, e.id, {
          movedAt: new Date(seizedAt.getTime() + 7_200_000).toISOString(),
          fromLocation: 'Search scene',
          toLocation: 'Property store, central',
          reason: 'Booked into property store',
        });
        counts.movements++;
      }
    }
    const visitsSvc = app.get(SafeguardingVisitsService);
    const visitKids = spread(T.childrenAtVisits, T.safeguardingVisits, rand);
    for (let i = 0; i < T.safeguardingVisits; i++) {
      const w = warrants[(i * 2) % warrants.length];
      await visitsSvc.create(ctx, {
        unitId: w.unitId,
        operationId: op.id,
        warrantId: w.id,
        visitedAt: at(),
        childrenSafeguarded: visitKids[i],
        agenciesNotified: "Children's social care",
        outcome: 'Strategy discussion arranged',
      });
      counts.visits++;
    }
    const referralsSvc = app.get(ReferralsService);
    for (let i = 0; i < T.referrals; i++) {
      await referralsSvc.create(ctx, {
        unitId: unitIds[codes[i % codes.length]],
        source: pick(SOURCES),
        reference: `REF/${week}/${i + 1}`,
        receivedAt: at(),
        riskGrade: pick(RISKS),
        status: 'received',
      });
      counts.referrals++;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `Demo data for ${week} (week of ${monday}) loaded in ${seconds} s through the audited services:\n` +
        `  ${DEMO_UNITS.length} units, ${printed.length} new users, 1 operation, ${counts.warrants} warrants (${T.warrantsExecuted} executed), ` +
        `${counts.arrests} arrests, ${counts.exhibits} exhibits (${counts.movements} custody movements), ${counts.visits} safeguarding visits, ${counts.referrals} referrals.\n` +
        (printed.length ? `Passwords, shown this once:\n${printed.join('\n')}\n` : ''),
    );
  } finally {
    await app.close();
    await runtime.stopDatabase();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`seed:demo refused: ${e.message}\n`);
  process.exit(1);
});
