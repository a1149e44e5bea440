import type { Role } from '../../core/auth/roles';

/** Where an account stands: its role, and whether its unit is the central team (which sees every unit). */
export interface Standing {
  role: Role;
  central: boolean;
}

/**
 * Standings one admin may not grant alone: admin (manages accounts), auditor (reads the whole
 * force's audit log), and the central team's officers and supervisors (read every unit's cases).
 */
export function isBroad(s: Standing): boolean {
  return s.role === 'admin' || s.role === 'auditor' || s.central;
}

/**
 * Whether giving an account `next` (from `current`, or as a new account when null) needs a second
 * admin's approval: reaching a broad standing it did not have, or leaving admin for a case role
 * (a way for an admin to turn into someone who reads cases).
 */
export function needsApproval(current: Standing | null, next: Standing): boolean {
  if (!current) return isBroad(next);
  if (current.role === next.role && current.central === next.central) return false;
  return isBroad(next) || current.role === 'admin';
}
