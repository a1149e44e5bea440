import { Permission } from '../../core/auth/permissions';
import { defineRecordType } from '../../core/records/record-type';
import { CreateSafeguardingVisitDto, UpdateSafeguardingVisitDto } from './dto/safeguarding-visit.dto';
import { SafeguardingVisit } from './entities/safeguarding-visit.entity';

export const SAFEGUARDING_VISIT_RECORD_TYPE = defineRecordType({
  entityType: 'safeguarding_visit',
  path: 'safeguarding-visits',
  entity: SafeguardingVisit,
  labels: { singular: 'safeguarding visit', plural: 'Safeguarding visits', nav: 'Visits' },
  permissions: { read: Permission.SafeguardingVisitRead, write: Permission.SafeguardingVisitWrite },
  writtenBy: 'officer',
  store: {
    scopeProperty: 'unitId',
    voidable: true,
    dateProperty: 'visitedAt',
    sortable: ['visitedAt', 'createdAt'],
    defaultSort: 'visitedAt',
    defaultDirection: 'desc',
  },
  dto: { create: CreateSafeguardingVisitDto, update: UpdateSafeguardingVisitDto },
  filters: [
    { name: 'operationId', label: 'Operation', reference: true },
    { name: 'warrantId', label: 'Warrant', reference: true },
  ],
  pages: {
    fields: [
      { name: 'operationId', label: 'Operation', kind: 'select', nullable: true },
      { name: 'warrantId', label: 'Warrant', kind: 'select', nullable: true },
      { name: 'visitedAt', label: 'Visited', kind: 'datetime', required: true, emptyMessage: 'Enter when the visit was made' },
      { name: 'childrenSafeguarded', label: 'Children safeguarded', kind: 'number' },
      {
        name: 'agenciesNotified',
        label: 'Agencies notified',
        kind: 'text',
        nullable: true,
        hint: "For example, children's social care; school nurse",
        classes: 'govuk-!-width-two-thirds',
        spellcheck: true,
      },
      { name: 'outcome', label: 'Outcome', kind: 'textarea', maxLength: 500, nullable: true },
    ],
    dateFilter: { from: 'Visited on or after', to: 'Visited before' },
    columns: [
      { header: 'Visited', key: 'visitedAt', format: 'datetime', link: true },
      { header: 'Children safeguarded', key: 'childrenSafeguarded', format: 'number', numeric: true },
      { header: 'Agencies notified', key: 'agenciesNotified' },
    ],
    title: (r, f) => `Safeguarding visit, ${f.date(r.visitedAt)}`,
    prefill: ['operationId', 'warrantId', 'visitedAt'],
    home: { section: 'Records' },
  },
  returns: [
    { figure: 'safeguardingVisits', date: 'visitedAt', counts: 'count' },
    { figure: 'childrenSafeguarded', date: 'visitedAt', counts: { sum: 'childrenSafeguarded' } },
  ],
});
