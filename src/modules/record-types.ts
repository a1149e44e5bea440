import type { Type } from '@nestjs/common';
import { grantRecordTypes } from '../core/auth/roles';
import type { RecordService } from '../core/records/record.service';
import type { RecordTypeDescription } from '../core/records/record-type';
import type { UnitRecordEntity } from '../core/records/unit-record.entity';
import { ARREST_RECORD_TYPE } from './arrests/arrest.record-type';
import { ArrestsModule } from './arrests/arrests.module';
import { ArrestsService } from './arrests/arrests.service';
import { EXHIBIT_RECORD_TYPE } from './exhibits/exhibit.record-type';
import { ExhibitsModule } from './exhibits/exhibits.module';
import { ExhibitsService } from './exhibits/exhibits.service';
import { OPERATION_RECORD_TYPE } from './operations/operation.record-type';
import { OperationsModule } from './operations/operations.module';
import { OperationsService } from './operations/operations.service';
import { REFERRAL_RECORD_TYPE } from './referrals/referral.record-type';
import { ReferralsModule } from './referrals/referrals.module';
import { ReferralsService } from './referrals/referrals.service';
import { SAFEGUARDING_VISIT_RECORD_TYPE } from './safeguarding-visits/safeguarding-visit.record-type';
import { SafeguardingVisitsModule } from './safeguarding-visits/safeguarding-visits.module';
import { SafeguardingVisitsService } from './safeguarding-visits/safeguarding-visits.service';
import { WARRANT_RECORD_TYPE } from './warrants/warrant.record-type';
import { WarrantsModule } from './warrants/warrants.module';
import { WarrantsService } from './warrants/warrants.service';

/** A record type, with the Nest module that serves it and the service its pages call. */
export interface RegisteredRecordType extends RecordTypeDescription {
  module: Type<unknown>;
  service: Type<RecordService<UnitRecordEntity>>;
}

/**
 * Every case record type, once, in the order people meet them (navigation, home page, the audit
 * desk's type list). The app's module wiring, the entity list, the roles' record permissions,
 * the web sections and pages, and the tests' authorization matrix are all derived from this list.
 */
export const RECORD_TYPES: readonly RegisteredRecordType[] = [
  { ...OPERATION_RECORD_TYPE, module: OperationsModule, service: OperationsService },
  { ...WARRANT_RECORD_TYPE, module: WarrantsModule, service: WarrantsService },
  { ...ARREST_RECORD_TYPE, module: ArrestsModule, service: ArrestsService },
  { ...EXHIBIT_RECORD_TYPE, module: ExhibitsModule, service: ExhibitsService },
  { ...SAFEGUARDING_VISIT_RECORD_TYPE, module: SafeguardingVisitsModule, service: SafeguardingVisitsService },
  { ...REFERRAL_RECORD_TYPE, module: ReferralsModule, service: ReferralsService },
];

grantRecordTypes(RECORD_TYPES);

/** The Nest modules of every record type. */
export const RECORD_TYPE_MODULES: Type<unknown>[] = RECORD_TYPES.map((t) => t.module);

/** Every table the record types map: each record's own, and those their modules keep beside it. */
export const RECORD_TYPE_ENTITIES: Type<unknown>[] = RECORD_TYPES.flatMap((t) => [t.entity, ...(t.related?.entities ?? [])]);

/** Every audit entity type the record types write, with a label for people. */
export const RECORD_AUDIT_TYPES: { entityType: string; label: string }[] = RECORD_TYPES.flatMap((t) => [
  { entityType: t.entityType, label: t.labels.singular.charAt(0).toUpperCase() + t.labels.singular.slice(1) },
  ...(t.related?.auditTypes ?? []),
]);

export function recordType(entityType: string): RegisteredRecordType {
  const t = RECORD_TYPES.find((x) => x.entityType === entityType);
  if (!t) throw new Error(`no record type ${entityType}`);
  return t;
}
