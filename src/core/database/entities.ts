import { AuditChainLink } from '../audit/entities/audit-chain-link.entity';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import { LoginThrottle } from '../auth/entities/login-throttle.entity';
import { Unit } from '../../modules/units/entities/unit.entity';
import { User } from '../../modules/users/entities/user.entity';
import { UserChangeRequest } from '../../modules/users/entities/user-change-request.entity';
import { Operation } from '../../modules/operations/entities/operation.entity';
import { Warrant } from '../../modules/warrants/entities/warrant.entity';
import { Arrest } from '../../modules/arrests/entities/arrest.entity';
import { Exhibit } from '../../modules/exhibits/entities/exhibit.entity';
import { ExhibitMovement } from '../../modules/exhibits/entities/exhibit-movement.entity';
import { SafeguardingVisit } from '../../modules/safeguarding-visits/entities/safeguarding-visit.entity';
import { Referral } from '../../modules/referrals/entities/referral.entity';
import { WeeklyReturn } from '../../modules/weekly-returns/entities/weekly-return.entity';
import { WeeklyReturnStep } from '../../modules/weekly-returns/entities/weekly-return-step.entity';

/** Every entity, listed once, so Nest, the CLI and tests map the same schema. */
export const ENTITIES = [
  Unit,
  User,
  UserChangeRequest,
  AuditEvent,
  AuditChainLink,
  LoginThrottle,
  Operation,
  Warrant,
  Arrest,
  Exhibit,
  ExhibitMovement,
  SafeguardingVisit,
  Referral,
  WeeklyReturn,
  WeeklyReturnStep,
];
