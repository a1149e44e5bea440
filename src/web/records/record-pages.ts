import { Permission as P } from '../../core/auth/permissions';
import { ArrestListQueryDto, CreateArrestDto, UpdateArrestDto } from '../../modules/arrests/dto/arrest.dto';
import { ARREST_OUTCOMES } from '../../modules/arrests/entities/arrest.entity';
import { CreateExhibitDto, ExhibitListQueryDto, UpdateExhibitDto } from '../../modules/exhibits/dto/exhibit.dto';
import { EXHIBIT_ITEM_TYPES, FORENSIC_STATUSES } from '../../modules/exhibits/entities/exhibit.entity';
import { CreateOperationDto, OperationListQueryDto, UpdateOperationDto } from '../../modules/operations/dto/operation.dto';
import { OPERATION_STATUSES } from '../../modules/operations/entities/operation.entity';
import { CreateReferralDto, ReferralListQueryDto, UpdateReferralDto } from '../../modules/referrals/dto/referral.dto';
import { REFERRAL_SOURCES, REFERRAL_STATUSES, RISK_GRADES } from '../../modules/referrals/entities/referral.entity';
import { CreateSafeguardingVisitDto, SafeguardingVisitListQueryDto, UpdateSafeguardingVisitDto } from '../../modules/safeguarding-visits/dto/safeguarding-visit.dto';
import { CreateWarrantDto, UpdateWarrantDto, WarrantListQueryDto } from '../../modules/warrants/dto/warrant.dto';
import { WARRANT_STATUSES } from '../../modules/warrants/entities/warrant.entity';
import type { FieldDef } from '../forms/form-fields';
import { formatDate } from '../forms/london-time';
import { dateCol, enumCol, fromFilter, options, RecordPageDef, textCol, toFilter } from './record-page';

const operationField: FieldDef = { name: 'operationId', label: 'Operation', kind: 'select', nullable: true };
const warrantField: FieldDef = { name: 'warrantId', label: 'Warrant', kind: 'select', nullable: true };
const operationFilter: FieldDef = { name: 'operationId', label: 'Operation', kind: 'select' };
const warrantFilter: FieldDef = { name: 'warrantId', label: 'Warrant', kind: 'select' };

export const OPERATION_PAGES: RecordPageDef = {
  path: 'operations',
  entityType: 'operation',
  singular: 'operation',
  plural: 'Operations',
  read: P.OperationRead,
  write: P.OperationWrite,
  createDto: CreateOperationDto,
  updateDto: UpdateOperationDto,
  listQuery: OperationListQueryDto,
  fields: [
    { name: 'name', label: 'Name', kind: 'text', required: true, hint: 'The code name, for example LEGATUM', classes: 'govuk-input--width-20', emptyMessage: 'Enter the operation name' },
    { name: 'reference', label: 'Reference', kind: 'text', required: true, hint: 'For example, OP/2021/0042', classes: 'govuk-input--width-20', emptyMessage: 'Enter the operation reference' },
    { name: 'startsOn', label: 'Start date', kind: 'date', required: true, emptyMessage: 'Enter the start date' },
    { name: 'endsOn', label: 'End date', kind: 'date', nullable: true },
    { name: 'status', label: 'Status', kind: 'radios', options: options(OPERATION_STATUSES) },
    { name: 'description', label: 'Description', kind: 'textarea', maxLength: 1000, nullable: true, hint: 'What the operation is about. No names or addresses.' },
  ],
  filters: [{ name: 'status', label: 'Status', kind: 'select', options: options(OPERATION_STATUSES) }, fromFilter('Starting on or after'), toFilter('Starting before')],
  columns: [textCol('Name', 'name', true), textCol('Reference', 'reference'), { header: 'Starts', value: (r) => formatDate(r.startsOn as string) }, enumCol('Status', 'status')],
  title: (r) => `Operation ${r.name}`,
};

export const WARRANT_PAGES: RecordPageDef = {
  path: 'warrants',
  entityType: 'warrant',
  singular: 'warrant',
  plural: 'Warrants',
  read: P.WarrantRead,
  write: P.WarrantWrite,
  createDto: CreateWarrantDto,
  updateDto: UpdateWarrantDto,
  listQuery: WarrantListQueryDto,
  fields: [
    operationField,
    { name: 'reference', label: 'Reference', kind: 'text', required: true, hint: 'For example, NE/W/2021/0117', classes: 'govuk-input--width-20', emptyMessage: 'Enter the warrant reference' },
    { name: 'type', label: 'Power', kind: 'text', required: true, hint: 'The power it is issued under, for example PCA 1978 s.4 or PACE s.8', classes: 'govuk-input--width-20', emptyMessage: 'Enter the power the warrant is issued under' },
    { name: 'status', label: 'Status', kind: 'radios', options: options(WARRANT_STATUSES) },
    { name: 'grantedAt', label: 'Granted', kind: 'datetime', nullable: true },
    { name: 'executedAt', label: 'Executed', kind: 'datetime', nullable: true, hint: 'Only when the status is executed. London time, for example 27 3 2021 at 06:30' },
    { name: 'locationArea', label: 'Area', kind: 'text', nullable: true, hint: 'A borough or postcode district, for example NE1. Never a full postcode or an address.', classes: 'govuk-input--width-10' },
    { name: 'childrenSafeguarded', label: 'Children safeguarded at execution', kind: 'number' },
    { name: 'outcome', label: 'Outcome', kind: 'textarea', maxLength: 500, nullable: true },
  ],
  filters: [operationFilter, { name: 'status', label: 'Status', kind: 'select', options: options(WARRANT_STATUSES) }, fromFilter('Executed on or after'), toFilter('Executed before')],
  columns: [textCol('Reference', 'reference', true), textCol('Power', 'type'), enumCol('Status', 'status'), dateCol('Executed', 'executedAt'), textCol('Area', 'locationArea')],
  title: (r) => `Warrant ${r.reference}`,
  prefill: ['operationId'],
};

export const ARREST_PAGES: RecordPageDef = {
  path: 'arrests',
  entityType: 'arrest',
  singular: 'arrest',
  plural: 'Arrests',
  read: P.ArrestRead,
  write: P.ArrestWrite,
  createDto: CreateArrestDto,
  updateDto: UpdateArrestDto,
  listQuery: ArrestListQueryDto,
  fields: [
    operationField,
    warrantField,
    { name: 'arrestedAt', label: 'Arrested', kind: 'datetime', required: true, emptyMessage: 'Enter when the arrest was made' },
    { name: 'suspectRef', label: 'Suspect reference', kind: 'text', required: true, hint: "The pseudonymous reference in the force's records system, for example SR-21-004417. Never a name.", classes: 'govuk-input--width-20', emptyMessage: 'Enter the suspect reference' },
    { name: 'offenceCode', label: 'Offence code', kind: 'text', required: true, hint: 'Home Office classification (for example 86/2) or CJS code (for example SX03001)', classes: 'govuk-input--width-10', emptyMessage: 'Enter the offence code' },
    { name: 'outcome', label: 'Outcome', kind: 'select', options: options(ARREST_OUTCOMES), nullable: true, hint: 'Leave as None while the outcome is pending' },
  ],
  filters: [operationFilter, warrantFilter, { name: 'outcome', label: 'Outcome', kind: 'select', options: options(ARREST_OUTCOMES) }, fromFilter('Arrested on or after'), toFilter('Arrested before')],
  columns: [textCol('Suspect reference', 'suspectRef', true), dateCol('Arrested', 'arrestedAt'), textCol('Offence', 'offenceCode'), { header: 'Outcome', value: (r) => (r.outcome ? enumCol('', 'outcome').value(r) : 'Pending') }],
  title: (r) => `Arrest of ${r.suspectRef}`,
  prefill: ['operationId', 'warrantId', 'arrestedAt'],
};

export const EXHIBIT_PAGES: RecordPageDef = {
  path: 'exhibits',
  entityType: 'exhibit',
  singular: 'exhibit',
  plural: 'Exhibits',
  read: P.ExhibitRead,
  write: P.ExhibitWrite,
  createDto: CreateExhibitDto,
  updateDto: UpdateExhibitDto,
  listQuery: ExhibitListQueryDto,
  fields: [
    operationField,
    warrantField,
    { name: 'reference', label: 'Exhibit reference', kind: 'text', required: true, hint: "The seizing officer's label, for example JS/1", classes: 'govuk-input--width-10', emptyMessage: 'Enter the exhibit reference' },
    { name: 'itemType', label: 'Item', kind: 'radios', required: true, options: options(EXHIBIT_ITEM_TYPES), emptyMessage: 'Select what the item is' },
    { name: 'seizedAt', label: 'Seized', kind: 'datetime', required: true, emptyMessage: 'Enter when the item was seized' },
    { name: 'sealNumber', label: 'Seal number', kind: 'text', nullable: true, classes: 'govuk-input--width-10' },
    { name: 'description', label: 'Description', kind: 'textarea', maxLength: 200, nullable: true, hint: 'The item itself (make, colour), never what is on it' },
    { name: 'sha256', label: 'SHA-256 of the acquired image', kind: 'text', nullable: true, hint: '64 hexadecimal characters, if an image has been taken', classes: 'govuk-!-width-full haven-mono' },
    { name: 'forensicStatus', label: 'Forensic status', kind: 'select', options: options(FORENSIC_STATUSES) },
  ],
  filters: [
    operationFilter,
    warrantFilter,
    { name: 'itemType', label: 'Item', kind: 'select', options: options(EXHIBIT_ITEM_TYPES) },
    { name: 'forensicStatus', label: 'Forensic status', kind: 'select', options: options(FORENSIC_STATUSES) },
    fromFilter('Seized on or after'),
    toFilter('Seized before'),
  ],
  columns: [textCol('Reference', 'reference', true), enumCol('Item', 'itemType'), dateCol('Seized', 'seizedAt'), enumCol('Forensic status', 'forensicStatus'), textCol('Now at', 'currentLocation')],
  title: (r) => `Exhibit ${r.reference}`,
  prefill: ['operationId', 'warrantId', 'seizedAt'],
};

export const VISIT_PAGES: RecordPageDef = {
  path: 'safeguarding-visits',
  entityType: 'safeguarding_visit',
  singular: 'safeguarding visit',
  plural: 'Safeguarding visits',
  read: P.SafeguardingVisitRead,
  write: P.SafeguardingVisitWrite,
  createDto: CreateSafeguardingVisitDto,
  updateDto: UpdateSafeguardingVisitDto,
  listQuery: SafeguardingVisitListQueryDto,
  fields: [
    operationField,
    warrantField,
    { name: 'visitedAt', label: 'Visited', kind: 'datetime', required: true, emptyMessage: 'Enter when the visit was made' },
    { name: 'childrenSafeguarded', label: 'Children safeguarded', kind: 'number' },
    { name: 'agenciesNotified', label: 'Agencies notified', kind: 'text', nullable: true, hint: "For example, children's social care; school nurse", classes: 'govuk-!-width-two-thirds', spellcheck: true },
    { name: 'outcome', label: 'Outcome', kind: 'textarea', maxLength: 500, nullable: true },
  ],
  filters: [operationFilter, warrantFilter, fromFilter('Visited on or after'), toFilter('Visited before')],
  columns: [{ header: 'Visited', value: (r) => dateCol('', 'visitedAt').value(r), link: true }, { header: 'Children safeguarded', value: (r) => String(r.childrenSafeguarded ?? 0), numeric: true }, textCol('Agencies notified', 'agenciesNotified')],
  title: (r) => `Safeguarding visit, ${formatDate(r.visitedAt as Date)}`,
  prefill: ['operationId', 'warrantId', 'visitedAt'],
};

export const REFERRAL_PAGES: RecordPageDef = {
  path: 'referrals',
  entityType: 'referral',
  singular: 'referral',
  plural: 'Referrals',
  read: P.ReferralRead,
  write: P.ReferralWrite,
  createDto: CreateReferralDto,
  updateDto: UpdateReferralDto,
  listQuery: ReferralListQueryDto,
  fields: [
    { name: 'source', label: 'Source', kind: 'radios', required: true, options: options(REFERRAL_SOURCES), emptyMessage: 'Select where the referral came from' },
    { name: 'reference', label: "Sender's reference", kind: 'text', required: true, hint: 'For example, NCA-20210301-0042', classes: 'govuk-input--width-20', emptyMessage: "Enter the sender's reference" },
    { name: 'receivedAt', label: 'Received', kind: 'datetime', required: true, emptyMessage: 'Enter when the referral was received' },
    { name: 'riskGrade', label: 'Risk grade', kind: 'radios', required: true, options: options(RISK_GRADES), emptyMessage: 'Select the risk grade' },
    { name: 'status', label: 'Status', kind: 'select', options: options(REFERRAL_STATUSES) },
    operationField,
  ],
  filters: [
    operationFilter,
    { name: 'status', label: 'Status', kind: 'select', options: options(REFERRAL_STATUSES) },
    { name: 'source', label: 'Source', kind: 'select', options: options(REFERRAL_SOURCES) },
    { name: 'riskGrade', label: 'Risk grade', kind: 'select', options: options(RISK_GRADES) },
    fromFilter('Received on or after'),
    toFilter('Received before'),
  ],
  columns: [textCol('Reference', 'reference', true), enumCol('Source', 'source'), dateCol('Received', 'receivedAt'), enumCol('Risk', 'riskGrade'), enumCol('Status', 'status')],
  title: (r) => `Referral ${r.reference}`,
  prefill: ['operationId'],
};
