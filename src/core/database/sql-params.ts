/**
 * Numbers a statement's parameters: each add() appends a value and hands back its placeholder
 * (`$3`, or `$3::uuid` with a cast), so the text and the value list cannot disagree on order.
 * The one way Haven numbers parameters: the record statements and the audit log's queries both
 * use it. A placeholder may be used more than once in the text (a scope list read twice).
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}
