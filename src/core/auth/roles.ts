import { Permission as P } from './permissions';

export const ROLES = ['officer', 'supervisor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

// Case records' permissions are not listed here: each record type's description names its own,
// and grantRecordTypes() gives them to officers and supervisors (see below).
const officer: readonly P[] = [P.SessionRead, P.WeeklyReturnRead];

/**
 * Roles are named sets of permissions; this is the only place that says which. Separation of
 * duties: admins never get record or audit permissions, auditors never get record writes.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<P>>> = {
  officer: new Set(officer),
  supervisor: new Set([...officer, P.WeeklyReturnSubmit, P.WeeklyReturnApprove, P.WeeklyReturnExport]),
  auditor: new Set([P.SessionRead, P.AuditRead, P.AuditVerify, P.AuditExport]),
  admin: new Set([P.SessionRead, P.UnitRead, P.UnitWrite, P.UserRead, P.UserWrite]),
};

/** What roles need to know of a case record type: its permissions and who writes it. */
export interface RecordTypeGrant {
  permissions: { read: P; write: P };
  writtenBy: 'officer' | 'supervisor';
}

/**
 * Every case record type's read goes to officers and supervisors, its write to officers and
 * supervisors or to supervisors only, as its description says. Called once with the list of
 * record types (src/modules/record-types.ts), which the app imports before serving anything.
 */
export function grantRecordTypes(types: readonly RecordTypeGrant[]): void {
  const grant = (role: Role, p: P) => (ROLE_PERMISSIONS[role] as Set<P>).add(p);
  for (const t of types) {
    for (const role of ['officer', 'supervisor'] as const) grant(role, t.permissions.read);
    if (t.writtenBy === 'officer') grant('officer', t.permissions.write);
    grant('supervisor', t.permissions.write);
  }
}

export function roleHas(role: Role, permission: P): boolean {
  return ROLE_PERMISSIONS[role]?.has(permission) ?? false;
}
