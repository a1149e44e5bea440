import { Permission } from '../../core/auth/permissions';
import { defineRecordType } from '../../core/records/record-type';
import { CreateExhibitDto, UpdateExhibitDto } from './dto/exhibit.dto';
import { Exhibit, EXHIBIT_ITEM_TYPES, FORENSIC_STATUSES } from './entities/exhibit.entity';
import { ExhibitMovement } from './entities/exhibit-movement.entity';

export const EXHIBIT_RECORD_TYPE = defineRecordType({
  entityType: 'exhibit',
  path: 'exhibits',
  entity: Exhibit,
  // The custody chain: its own table and its own audit entity type, under the exhibit's permissions.
  related: { entities: [ExhibitMovement], auditTypes: [{ entityType: 'exhibit_movement', label: 'Exhibit movement' }] },
  labels: { singular: 'exhibit', plural: 'Exhibits' },
  permissions: { read: Permission.ExhibitRead, write: Permission.ExhibitWrite },
  writtenBy: 'officer',
  store: {
    scopeProperty: 'unitId',
    voidable: true,
    dateProperty: 'seizedAt',
    sortable: ['seizedAt', 'createdAt', 'reference'],
    defaultSort: 'seizedAt',
    defaultDirection: 'desc',
    // Where the exhibit is now: the last live step of its custody chain, read with the exhibit.
    computed: {
      currentLocation: `(SELECT m.to_location FROM exhibit_movements m WHERE m.exhibit_id = t.id AND m.voided_at IS NULL ORDER BY m.moved_at DESC, m.created_at DESC LIMIT 1)`,
    },
  },
  dto: { create: CreateExhibitDto, update: UpdateExhibitDto },
  filters: [
    { name: 'operationId', label: 'Operation', reference: true },
    { name: 'warrantId', label: 'Warrant', reference: true },
    { name: 'itemType', label: 'Item', values: EXHIBIT_ITEM_TYPES },
    { name: 'forensicStatus', label: 'Forensic status', values: FORENSIC_STATUSES },
  ],
  pages: {
    fields: [
      { name: 'operationId', label: 'Operation', kind: 'select', nullable: true },
      { name: 'warrantId', label: 'Warrant', kind: 'select', nullable: true },
      {
        name: 'reference',
        label: 'Exhibit reference',
        kind: 'text',
        required: true,
        hint: "The seizing officer's label, for example JS/1",
        classes: 'govuk-input--width-10',
        emptyMessage: 'Enter the exhibit reference',
      },
      { name: 'itemType', label: 'Item', kind: 'radios', required: true, values: EXHIBIT_ITEM_TYPES, emptyMessage: 'Select what the item is' },
      { name: 'seizedAt', label: 'Seized', kind: 'datetime', required: true, emptyMessage: 'Enter when the item was seized' },
      { name: 'sealNumber', label: 'Seal number', kind: 'text', nullable: true, classes: 'govuk-input--width-10' },
      {
        name: 'description',
        label: 'Description',
        kind: 'textarea',
        maxLength: 200,
        nullable: true,
        hint: 'The item itself (make, colour), never what is on it',
      },
      {
        name: 'sha256',
        label: 'SHA-256 of the acquired image',
        kind: 'text',
        nullable: true,
        hint: '64 hexadecimal characters, if an image has been taken',
        classes: 'govuk-!-width-full haven-mono',
      },
      { name: 'forensicStatus', label: 'Forensic status', kind: 'select', values: FORENSIC_STATUSES },
    ],
    dateFilter: { from: 'Seized on or after', to: 'Seized before' },
    columns: [
      { header: 'Reference', key: 'reference', link: true },
      { header: 'Item', key: 'itemType', format: 'enum' },
      { header: 'Seized', key: 'seizedAt', format: 'datetime' },
      { header: 'Forensic status', key: 'forensicStatus', format: 'enum' },
      { header: 'Now at', key: 'currentLocation' },
    ],
    title: (r) => `Exhibit ${r.reference}`,
    prefill: ['operationId', 'warrantId', 'seizedAt'],
    home: { section: 'Records', text: 'Exhibits and their custody' },
  },
  returns: [{ figure: 'exhibitsSeized', date: 'seizedAt', counts: 'count' }],
});
