import type { Role } from './roles';

/** The signed-in user a request acts for; services take it as their first argument. */
export interface Actor {
  id: string;
  username: string;
  role: Role;
  unitId: string;
  /** True when the actor's unit is the central team, which sees every unit. */
  central: boolean;
  /** Signed in, but must set up a second factor before doing anything else. */
  enrolOnly?: boolean;
  /** When the user last proved who they are (seconds since the epoch), carried across refreshes. */
  authTime?: number;
  /** The sign-in this request's token belongs to (its `sid`): what sign-out ends. */
  sessionId?: string;
  /** The purpose stated at sign-in for this session, used when a request states none. */
  sessionPurpose?: string;
}
