import { needsApproval } from './separation-of-duties';

describe('needsApproval (four eyes on account standing)', () => {
  const borough = (role: 'officer' | 'supervisor' | 'auditor' | 'admin') => ({ role, central: false });
  const central = (role: 'officer' | 'supervisor' | 'auditor' | 'admin') => ({ role, central: true });

  it('lets one admin make borough case accounts and move them within borough case roles', () => {
    expect(needsApproval(null, borough('officer'))).toBe(false);
    expect(needsApproval(null, borough('supervisor'))).toBe(false);
    expect(needsApproval(borough('officer'), borough('supervisor'))).toBe(false);
    expect(needsApproval(central('supervisor'), borough('officer'))).toBe(false);
  });

  it('needs a second admin for central case roles, auditors and admins, new or changed', () => {
    for (const next of [central('officer'), central('supervisor'), central('auditor'), borough('auditor'), central('admin'), borough('admin')]) {
      expect(needsApproval(null, next)).toBe(true);
      expect(needsApproval(borough('officer'), next)).toBe(true);
    }
    expect(needsApproval(central('officer'), central('supervisor'))).toBe(true);
  });

  it('needs a second admin to move an admin into any case role', () => {
    expect(needsApproval(central('admin'), borough('officer'))).toBe(true);
    expect(needsApproval(borough('admin'), borough('supervisor'))).toBe(true);
    expect(needsApproval(central('admin'), central('admin'))).toBe(false);
  });
});
