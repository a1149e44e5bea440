import { Permission } from '../../core/auth/permissions';
import { defineRecordType } from '../../core/records/record-type';
import { CreateReferralDto, UpdateReferralDto } from './dto/referral.dto';
import { Referral, REFERRAL_SOURCES, REFERRAL_STATUSES, RISK_GRADES } from './entities/referral.entity';

export const REFERRAL_RECORD_TYPE = defineRecordType({
  entityType: 'referral',
  path: 'referrals',
  entity: Referral,
  labels: { singular: 'referral', plural: 'Referrals' },
  permissions: { read: Permission.ReferralRead, write: Permission.ReferralWrite },
  writtenBy: 'officer',
  store: {
    scopeProperty: 'unitId',
    voidable: true,
    dateProperty: 'receivedAt',
    sortable: ['receivedAt', 'createdAt', 'reference'],
    defaultSort: 'receivedAt',
    defaultDirection: 'desc',
  },
  dto: { create: CreateReferralDto, update: UpdateReferralDto },
  filters: [
    { name: 'operationId', label: 'Operation', reference: true },
    { name: 'status', label: 'Status', values: REFERRAL_STATUSES },
    { name: 'source', label: 'Source', values: REFERRAL_SOURCES },
    { name: 'riskGrade', label: 'Risk grade', values: RISK_GRADES },
  ],
  pages: {
    fields: [
      { name: 'source', label: 'Source', kind: 'radios', required: true, values: REFERRAL_SOURCES, emptyMessage: 'Select where the referral came from' },
      {
        name: 'reference',
        label: "Sender's reference",
        kind: 'text',
        required: true,
        hint: 'For example, NCA-20210301-0042',
        classes: 'govuk-input--width-20',
        emptyMessage: "Enter the sender's reference",
      },
      { name: 'receivedAt', label: 'Received', kind: 'datetime', required: true, emptyMessage: 'Enter when the referral was received' },
      { name: 'riskGrade', label: 'Risk grade', kind: 'radios', required: true, values: RISK_GRADES, emptyMessage: 'Select the risk grade' },
      { name: 'status', label: 'Status', kind: 'select', values: REFERRAL_STATUSES },
      { name: 'operationId', label: 'Operation', kind: 'select', nullable: true },
    ],
    dateFilter: { from: 'Received on or after', to: 'Received before' },
    columns: [
      { header: 'Reference', key: 'reference', link: true },
      { header: 'Source', key: 'source', format: 'enum' },
      { header: 'Received', key: 'receivedAt', format: 'datetime' },
      { header: 'Risk', key: 'riskGrade', format: 'enum' },
      { header: 'Status', key: 'status', format: 'enum' },
    ],
    title: (r) => `Referral ${r.reference}`,
    prefill: ['operationId'],
    home: { section: 'Records', add: true },
  },
  returns: [{ figure: 'referralsReceived', date: 'receivedAt', counts: 'count' }],
});
