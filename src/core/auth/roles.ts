import { Permission as P } from './permissions';

export const ROLES = ['officer', 'supervisor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const officer: readonly P[] = [
  P.SessionRead,
  P.OperationRead,
  P.WarrantRead,
  P.WarrantWrite,
  P.ArrestRead,
  P.ArrestWrite,
  P.ExhibitRead,
  P.ExhibitWrite,
  P.SafeguardingVisitRead,
  P.SafeguardingVisitWrite,
  P.ReferralRead,
  P.ReferralWrite,
  P.WeeklyReturnRead,
];

/**
 * Roles are named sets of permissions; this is the only place that says which. Separation of
 * duties: admins never get record or audit permissions, auditors never get record writes.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<P>>> = {
  officer: new Set(officer),
  supervisor: new Set([
    ...officer,
    P.OperationWrite,
    P.WeeklyReturnSubmit,
    P.WeeklyReturnApprove,
    P.WeeklyReturnExport,
  ]),
  auditor: new Set([P.SessionRead, P.AuditRead, P.AuditVerify, P.AuditExport]),
  admin: new Set([P.SessionRead, P.UnitRead, P.UnitWrite, P.UserRead, P.UserWrite]),
};

export function roleHas(role: Role, permission: P): boolean {
  return ROLE_PERMISSIONS[role]?.has(permission) ?? false;
}
