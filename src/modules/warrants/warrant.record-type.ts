import { Permission } from '../../core/auth/permissions';
import { defineRecordType } from '../../core/records/record-type';
import { CreateWarrantDto, UpdateWarrantDto } from './dto/warrant.dto';
import { Warrant, WARRANT_STATUSES } from './entities/warrant.entity';

export const WARRANT_RECORD_TYPE = defineRecordType({
  entityType: 'warrant',
  path: 'warrants',
  entity: Warrant,
  labels: { singular: 'warrant', plural: 'Warrants' },
  permissions: { read: Permission.WarrantRead, write: Permission.WarrantWrite },
  writtenBy: 'officer',
  store: {
    scopeProperty: 'unitId',
    voidable: true,
    dateProperty: 'executedAt',
    // executedAt is nullable, so it cannot key the cursor.
    sortable: ['createdAt', 'reference'],
    defaultSort: 'createdAt',
    defaultDirection: 'desc',
  },
  dto: { create: CreateWarrantDto, update: UpdateWarrantDto },
  filters: [
    { name: 'operationId', label: 'Operation', reference: true },
    { name: 'status', label: 'Status', values: WARRANT_STATUSES },
  ],
  pages: {
    fields: [
      { name: 'operationId', label: 'Operation', kind: 'select', nullable: true },
      {
        name: 'reference',
        label: 'Reference',
        kind: 'text',
        required: true,
        hint: 'For example, NE/W/2021/0117',
        classes: 'govuk-input--width-20',
        emptyMessage: 'Enter the warrant reference',
      },
      {
        name: 'type',
        label: 'Power',
        kind: 'text',
        required: true,
        hint: 'The power it is issued under, for example PCA 1978 s.4 or PACE s.8',
        classes: 'govuk-input--width-20',
        emptyMessage: 'Enter the power the warrant is issued under',
      },
      { name: 'status', label: 'Status', kind: 'radios', values: WARRANT_STATUSES },
      { name: 'grantedAt', label: 'Granted', kind: 'datetime', nullable: true },
      {
        name: 'executedAt',
        label: 'Executed',
        kind: 'datetime',
        nullable: true,
        hint: 'Only when the status is executed. London time, for example 27 3 2021 at 06:30',
      },
      {
        name: 'locationArea',
        label: 'Area',
        kind: 'text',
        nullable: true,
        hint: 'A borough or postcode district, for example NE1. Never a full postcode or an address.',
        classes: 'govuk-input--width-10',
      },
      { name: 'childrenSafeguarded', label: 'Children safeguarded at execution', kind: 'number' },
      { name: 'outcome', label: 'Outcome', kind: 'textarea', maxLength: 500, nullable: true },
    ],
    dateFilter: { from: 'Executed on or after', to: 'Executed before' },
    columns: [
      { header: 'Reference', key: 'reference', link: true },
      { header: 'Power', key: 'type' },
      { header: 'Status', key: 'status', format: 'enum' },
      { header: 'Executed', key: 'executedAt', format: 'datetime' },
      { header: 'Area', key: 'locationArea' },
    ],
    title: (r) => `Warrant ${r.reference}`,
    prefill: ['operationId'],
    home: { section: 'A week of action', add: true },
  },
  returns: [
    { figure: 'warrantsExecuted', date: 'executedAt', counts: 'count', when: "status is 'executed'" },
    { figure: 'childrenSafeguarded', date: 'executedAt', counts: { sum: 'childrenSafeguarded' }, when: "status is 'executed'" },
  ],
});
