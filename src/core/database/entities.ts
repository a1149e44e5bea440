import { AuditChainLink } from '../audit/entities/audit-chain-link.entity';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import { LoginThrottle } from '../auth/entities/login-throttle.entity';
import { Unit } from '../../modules/units/entities/unit.entity';
import { User } from '../../modules/users/entities/user.entity';
import { UserChangeRequest } from '../../modules/users/entities/user-change-request.entity';
import { WeeklyReturn } from '../../modules/weekly-returns/entities/weekly-return.entity';
import { RECORD_TYPE_ENTITIES } from '../../modules/record-types';
import { WeeklyReturnStep } from '../../modules/weekly-returns/entities/weekly-return-step.entity';

/** Every entity, listed once, so Nest, the CLI and tests map the same schema. */
export const ENTITIES = [
  Unit,
  User,
  UserChangeRequest,
  AuditEvent,
  AuditChainLink,
  LoginThrottle,
  // The case records: each record type's description names its tables.
  ...RECORD_TYPE_ENTITIES,
  WeeklyReturn,
  WeeklyReturnStep,
];
