import { Permission } from '../../core/auth/permissions';
import { defineRecordType } from '../../core/records/record-type';
import { CreateArrestDto, UpdateArrestDto } from './dto/arrest.dto';
import { Arrest, ARREST_OUTCOMES } from './entities/arrest.entity';

export const ARREST_RECORD_TYPE = defineRecordType({
  entityType: 'arrest',
  path: 'arrests',
  entity: Arrest,
  labels: { singular: 'arrest', plural: 'Arrests' },
  permissions: { read: Permission.ArrestRead, write: Permission.ArrestWrite },
  writtenBy: 'officer',
  store: {
    scopeProperty: 'unitId',
    voidable: true,
    dateProperty: 'arrestedAt',
    sortable: ['arrestedAt', 'createdAt'],
    defaultSort: 'arrestedAt',
    defaultDirection: 'desc',
  },
  dto: { create: CreateArrestDto, update: UpdateArrestDto },
  filters: [
    { name: 'operationId', label: 'Operation', reference: true },
    { name: 'warrantId', label: 'Warrant', reference: true },
    { name: 'outcome', label: 'Outcome', values: ARREST_OUTCOMES },
  ],
  pages: {
    fields: [
      { name: 'operationId', label: 'Operation', kind: 'select', nullable: true },
      { name: 'warrantId', label: 'Warrant', kind: 'select', nullable: true },
      { name: 'arrestedAt', label: 'Arrested', kind: 'datetime', required: true, emptyMessage: 'Enter when the arrest was made' },
      {
        name: 'suspectRef',
        label: 'Suspect reference',
        kind: 'text',
        required: true,
        hint: "The pseudonymous reference in the force's records system, for example SR-21-004417. Never a name.",
        classes: 'govuk-input--width-20',
        emptyMessage: 'Enter the suspect reference',
      },
      {
        name: 'offenceCode',
        label: 'Offence code',
        kind: 'text',
        required: true,
        hint: 'Home Office classification (for example 86/2) or CJS code (for example SX03001)',
        classes: 'govuk-input--width-10',
        emptyMessage: 'Enter the offence code',
      },
      { name: 'outcome', label: 'Outcome', kind: 'select', values: ARREST_OUTCOMES, nullable: true, hint: 'Leave as None while the outcome is pending' },
    ],
    dateFilter: { from: 'Arrested on or after', to: 'Arrested before' },
    columns: [
      { header: 'Suspect reference', key: 'suspectRef', link: true },
      { header: 'Arrested', key: 'arrestedAt', format: 'datetime' },
      { header: 'Offence', key: 'offenceCode' },
      { header: 'Outcome', key: 'outcome', format: 'enum', empty: 'Pending' },
    ],
    title: (r) => `Arrest of ${r.suspectRef}`,
    prefill: ['operationId', 'warrantId', 'arrestedAt'],
    home: { section: 'Records' },
  },
  returns: [{ figure: 'arrests', date: 'arrestedAt', counts: 'count' }],
});
