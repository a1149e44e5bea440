import { AuditChainLink } from '../audit/entities/audit-chain-link.entity';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import { Unit } from '../../modules/units/entities/unit.entity';
import { User } from '../../modules/users/entities/user.entity';
import { Operation } from '../../modules/operations/entities/operation.entity';

/** Every entity, listed once, so Nest, the CLI and tests map the same schema. */
export const ENTITIES = [
  Unit,
  User,
  AuditEvent,
  AuditChainLink,
  Operation,
];
