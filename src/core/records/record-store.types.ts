/** The shapes RecordStore takes and gives. */

export interface RecordStoreOptions {
  /** Name in the audit log, e.g. 'warrant'. */
  entityType: string;
  /** Column (property) that holds the owning unit, when records are unit-scoped. */
  scopeProperty?: string | null;
  /** Whether the table has voided_at/voided_by/void_reason. */
  voidable?: boolean;
  /** Properties a list may filter on by equality. */
  filterable?: string[];
  /** The record's own date (property) for `from`/`to` list filters. */
  dateProperty?: string;
  /** Properties a list may sort on (non-null columns only, for a stable cursor). */
  sortable?: string[];
  defaultSort?: string;
  defaultDirection?: 'asc' | 'desc';
  /** Properties never returned (e.g. password hashes). */
  hidden?: string[];
  /**
   * Read-only values computed in the same statement as a get or list, as SQL over the row `t`
   * (e.g. an exhibit's current location from its custody chain), so a read stays one round trip.
   */
  computed?: Record<string, string>;
}

export interface ListQuery {
  filters?: Record<string, unknown>;
  from?: string;
  to?: string;
  sort?: string;
  direction?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
  includeVoided?: boolean;
}

export interface UpdateOptions<T> {
  /** The audit action (default 'update'). */
  action?: string;
  /** Further SET clauses, e.g. bumping a counter. */
  extraSets?: string[];
  /** Cross-field rules over the record as it would be; throw a 4xx to refuse (inside the lock). */
  check?: (current: T, next: T) => void;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
