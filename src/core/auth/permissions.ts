/** What a route may require. Code checks permissions, never roles. */
export enum Permission {
  SessionRead = 'session.read',

  UnitRead = 'unit.read',
  UnitWrite = 'unit.write',
  UserRead = 'user.read',
  UserWrite = 'user.write',

  OperationRead = 'operation.read',
  OperationWrite = 'operation.write',
  WarrantRead = 'warrant.read',
  WarrantWrite = 'warrant.write',
  ArrestRead = 'arrest.read',
  ArrestWrite = 'arrest.write',
  ExhibitRead = 'exhibit.read',
  ExhibitWrite = 'exhibit.write',
  SafeguardingVisitRead = 'safeguarding-visit.read',
  SafeguardingVisitWrite = 'safeguarding-visit.write',
  ReferralRead = 'referral.read',
  ReferralWrite = 'referral.write',

  WeeklyReturnRead = 'weekly-return.read',
  WeeklyReturnSubmit = 'weekly-return.submit',
  WeeklyReturnApprove = 'weekly-return.approve',
  WeeklyReturnExport = 'weekly-return.export',

  AuditRead = 'audit.read',
  AuditVerify = 'audit.verify',
  AuditExport = 'audit.export',
}
