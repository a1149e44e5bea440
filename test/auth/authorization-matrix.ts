import { RECORD_TYPES } from '../../src/modules/record-types';

/**
 * Who may call what, from where: the reviewed expectation for every route. A route missing here
 * fails the matrix test, so adding a route means deciding this.
 *   deny    403 for that role, wherever the user sits
 *   any     allowed wherever the user sits (the guard lets it through; validation may still 400)
 *   scoped  allowed in the user's own unit and for the central team; 404 from another borough
 *   central allowed for the central team only; 403 from a borough
 */
export type Access = 'deny' | 'any' | 'scoped' | 'central';
export type RoleName = 'officer' | 'supervisor' | 'auditor' | 'admin';
export type Expectation = Record<RoleName, Access> | 'public';

const r = (officer: Access, supervisor: Access, auditor: Access, admin: Access): Expectation => ({ officer, supervisor, auditor, admin });
const caseRecord = (writeByOfficer: boolean) => ({
  list: r('any', 'any', 'deny', 'deny'),
  read: r('scoped', 'scoped', 'deny', 'deny'),
  create: r(writeByOfficer ? 'any' : 'deny', 'any', 'deny', 'deny'),
  change: r(writeByOfficer ? 'scoped' : 'deny', 'scoped', 'deny', 'deny'),
});
const op = caseRecord(false);
const rec = caseRecord(true);
// Each record type's own routes expect what its description says of who writes it.
const accessOf = (t: (typeof RECORD_TYPES)[number]) => caseRecord(t.writtenBy === 'officer');
const adminOnly = r('deny', 'deny', 'deny', 'any');
const auditorOnly = r('deny', 'deny', 'any', 'deny');
const everyone = r('any', 'any', 'any', 'any');

/**
 * The web front office (served at the browser paths without /web: see src/web/web-paths.ts). Its
 * pages call the same services as the API, so each page expects what the API route behind it does.
 */
const webRecordPages = (path: string, c: ReturnType<typeof caseRecord>): [string, Expectation][] => [
  [`GET /web/${path}`, c.list],
  [`GET /web/${path}/new`, c.create],
  [`POST /web/${path}`, c.create],
  [`GET /web/${path}/:id`, c.read],
  [`GET /web/${path}/:id/edit`, c.change],
  [`POST /web/${path}/:id`, c.change],
  [`GET /web/${path}/:id/void`, c.change],
  [`POST /web/${path}/:id/void`, c.change],
];
const WEB_PAGES: Record<string, Expectation> = {
  'GET /web': everyone,
  'GET /web/sign-in': 'public',
  'POST /web/sign-in': 'public',
  'POST /web/sign-out': everyone,
  'GET /web/account/second-factor': everyone,
  'POST /web/account/second-factor/setup': everyone,
  'POST /web/account/second-factor': everyone,
  // Choosing one's own password: public like sign-in (it proves itself with the current password).
  'GET /web/account/password': 'public',
  'POST /web/account/password': 'public',
  ...Object.fromEntries(RECORD_TYPES.flatMap((t) => webRecordPages(t.path, accessOf(t)))),
  'GET /web/exhibits/:id/movements/new': rec.change,
  'POST /web/exhibits/:id/movements': rec.create,
  'GET /web/weekly-returns': r('scoped', 'scoped', 'deny', 'deny'),
  'GET /web/weekly-returns/summary': r('central', 'central', 'deny', 'deny'),
  'POST /web/weekly-returns/submit': r('deny', 'any', 'deny', 'deny'),
  'POST /web/weekly-returns/:id/approve': r('deny', 'scoped', 'deny', 'deny'),
  'GET /web/weekly-returns/:id/return': r('deny', 'scoped', 'deny', 'deny'),
  'POST /web/weekly-returns/:id/return': r('deny', 'scoped', 'deny', 'deny'),
  'GET /web/audit': auditorOnly,
  'GET /web/audit/history': auditorOnly,
  'GET /web/audit/verify': auditorOnly,
  'GET /web/audit/export': auditorOnly,
  'GET /web/audit/export/download': auditorOnly,
  ...Object.fromEntries(
    ['GET /web/units', 'GET /web/units/new', 'POST /web/units', 'GET /web/users', 'GET /web/users/new', 'POST /web/users', 'GET /web/users/:id']
      .concat(['role', 'access', 'unlock', 'password', 'second-factor'].map((a) => `POST /web/users/:id/${a}`))
      .concat(['GET /web/users/requests', 'POST /web/users/requests/:id/approve', 'POST /web/users/requests/:id/refuse'])
      .map((route) => [route, adminOnly]),
  ),
};

export const AUTHORIZATION_MATRIX: Record<string, Expectation> = {
  'GET /health': 'public',
  'POST /auth/login': 'public',
  'GET /auth/me': everyone,
  'POST /auth/refresh': everyone,
  'POST /auth/logout': everyone,
  'POST /auth/totp/setup': everyone,
  'POST /auth/totp/enable': everyone,

  'GET /units': adminOnly,
  'GET /units/:id': adminOnly,
  'POST /units': adminOnly,
  'GET /users': adminOnly,
  'GET /users/:id': adminOnly,
  'POST /users': adminOnly,
  'PATCH /users/:id': adminOnly,
  'GET /user-change-requests': adminOnly,
  'GET /user-change-requests/:id': adminOnly,
  'POST /user-change-requests/:id/approve': adminOnly,
  'POST /user-change-requests/:id/refuse': adminOnly,
  'POST /account/password': 'public',

  ...Object.fromEntries(
    RECORD_TYPES.flatMap((t) => {
      const c = accessOf(t);
      return [
        [`GET /${t.path}`, c.list],
        [`GET /${t.path}/:id`, c.read],
        [`POST /${t.path}`, c.create],
        [`PATCH /${t.path}/:id`, c.change],
        [`DELETE /${t.path}/:id`, c.change],
      ];
    }),
  ),
  'GET /operations/:id/summary': op.read,
  'GET /exhibits/:id/movements': rec.read,
  'POST /exhibits/:id/movements': rec.create,
  'DELETE /exhibits/:id/movements/:movementId': rec.change,

  'GET /weekly-returns': r('scoped', 'scoped', 'deny', 'deny'),
  'GET /weekly-returns/:id': r('scoped', 'scoped', 'deny', 'deny'),
  'GET /weekly-returns/series': r('scoped', 'scoped', 'deny', 'deny'),
  'GET /weekly-returns/summary': r('central', 'central', 'deny', 'deny'),
  'GET /weekly-returns/export': r('deny', 'scoped', 'deny', 'deny'),
  'GET /weekly-returns/series/export': r('deny', 'scoped', 'deny', 'deny'),
  'GET /weekly-returns/summary/export': r('deny', 'central', 'deny', 'deny'),
  'POST /weekly-returns': r('deny', 'any', 'deny', 'deny'),
  'POST /weekly-returns/:id/approve': r('deny', 'scoped', 'deny', 'deny'),
  'POST /weekly-returns/:id/return': r('deny', 'scoped', 'deny', 'deny'),

  ...WEB_PAGES,

  'GET /audit-events': auditorOnly,
  'GET /audit-events/history/:entityType/:entityId': auditorOnly,
  'GET /audit-events/export': auditorOnly,
  'GET /audit-events/verify': auditorOnly,
};
