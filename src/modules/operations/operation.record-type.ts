import { Permission } from '../../core/auth/permissions';
import { defineRecordType } from '../../core/records/record-type';
import { CreateOperationDto, UpdateOperationDto } from './dto/operation.dto';
import { Operation, OPERATION_STATUSES } from './entities/operation.entity';

export const OPERATION_RECORD_TYPE = defineRecordType({
  entityType: 'operation',
  path: 'operations',
  entity: Operation,
  labels: { singular: 'operation', plural: 'Operations' },
  permissions: { read: Permission.OperationRead, write: Permission.OperationWrite },
  // Operations frame a week of action: supervisors open and close them, officers work within them.
  writtenBy: 'supervisor',
  store: {
    scopeProperty: 'unitId',
    voidable: true,
    dateProperty: 'startsOn',
    sortable: ['startsOn', 'createdAt', 'name', 'reference'],
    defaultSort: 'startsOn',
    defaultDirection: 'desc',
  },
  dto: { create: CreateOperationDto, update: UpdateOperationDto },
  filters: [{ name: 'status', label: 'Status', values: OPERATION_STATUSES }],
  pages: {
    fields: [
      {
        name: 'name',
        label: 'Name',
        kind: 'text',
        required: true,
        hint: 'The code name, for example LEGATUM',
        classes: 'govuk-input--width-20',
        emptyMessage: 'Enter the operation name',
      },
      {
        name: 'reference',
        label: 'Reference',
        kind: 'text',
        required: true,
        hint: 'For example, OP/2021/0042',
        classes: 'govuk-input--width-20',
        emptyMessage: 'Enter the operation reference',
      },
      { name: 'startsOn', label: 'Start date', kind: 'date', required: true, emptyMessage: 'Enter the start date' },
      { name: 'endsOn', label: 'End date', kind: 'date', nullable: true },
      { name: 'status', label: 'Status', kind: 'radios', values: OPERATION_STATUSES },
      {
        name: 'description',
        label: 'Description',
        kind: 'textarea',
        maxLength: 1000,
        nullable: true,
        hint: 'What the operation is about. No names or addresses.',
      },
    ],
    dateFilter: { from: 'Starting on or after', to: 'Starting before' },
    columns: [
      { header: 'Name', key: 'name', link: true },
      { header: 'Reference', key: 'reference' },
      { header: 'Starts', key: 'startsOn', format: 'date' },
      { header: 'Status', key: 'status', format: 'enum' },
    ],
    title: (r) => `Operation ${r.name}`,
    home: { section: 'A week of action', add: true },
  },
  // An operation's summary sums the figures of the records under it; it feeds none itself.
  returns: [],
});
