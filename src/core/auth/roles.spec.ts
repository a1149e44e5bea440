import { Permission } from './permissions';
import { ROLE_PERMISSIONS, roleHas } from './roles';
import { unitScopeOf } from './unit-scope';

describe('roles and separation of duties', () => {
  const recordPerms = Object.values(Permission).filter((p) => /^(operation|warrant|arrest|exhibit|safeguarding-visit|referral|weekly-return)\./.test(p));

  it('gives admins no case-record or audit permission', () => {
    for (const p of [...recordPerms, Permission.AuditRead, Permission.AuditExport]) expect(roleHas('admin', p)).toBe(false);
  });

  it('gives auditors no record permission at all and officers/supervisors no audit permission', () => {
    for (const p of recordPerms) expect(roleHas('auditor', p)).toBe(false);
    for (const p of [Permission.AuditRead, Permission.AuditVerify, Permission.AuditExport]) {
      expect(roleHas('officer', p)).toBe(false);
      expect(roleHas('supervisor', p)).toBe(false);
    }
  });

  it('makes a supervisor everything an officer is, plus sign-off and operations', () => {
    for (const p of ROLE_PERMISSIONS.officer) expect(roleHas('supervisor', p)).toBe(true);
    expect(roleHas('officer', Permission.WeeklyReturnApprove)).toBe(false);
    expect(roleHas('officer', Permission.OperationWrite)).toBe(false);
    expect(roleHas('supervisor', Permission.WeeklyReturnApprove)).toBe(true);
  });

  it('scopes borough staff to their unit and the central team to all', () => {
    expect(unitScopeOf({ id: 'u', username: 'a', role: 'officer', unitId: 'ne', central: false })).toEqual({ all: false, unitIds: ['ne'] });
    expect(unitScopeOf({ id: 'u', username: 'a', role: 'officer', unitId: 'c', central: true })).toEqual({ all: true });
  });
});
