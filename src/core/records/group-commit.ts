/** A batch result saying that this one request failed (the others in the batch may not have). */
export class ItemFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Group commit for audited reads and creates. Requests that arrive while earlier ones are with
 * the database are gathered and answered by one statement that does every request's work and
 * inserts every audit event, so a burst of N costs one round trip and one commit instead of N.
 * Each caller is answered only after that statement — its own audit event with it — has
 * committed; if it fails, every request in the batch fails (unless the batch's own function
 * reports failures one by one with ItemFailure). Nothing is written after an answer is sent.
 */
export class GroupCommit<Req, Row> {
  private queue: { req: Req; resolve: (row: Row | undefined) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    /** Runs one batch; returns each request's row (or undefined, or its failure) in request order. */
    private readonly run: (reqs: Req[]) => Promise<(Row | undefined | ItemFailure)[]>,
    private readonly maxBatch = 64,
    /** Batches with the database at once; more would only queue for connections. */
    private readonly maxInFlight = 4,
  ) {}

  load(req: Req): Promise<Row | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // Let requests already parsed in this turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      this.run(batch.map((b) => b.req))
        .then(
          (rows) =>
            batch.forEach((b, i) => {
              const row = rows[i];
              if (row instanceof ItemFailure) b.reject(row.error);
              else b.resolve(row);
            }),
          (e) => batch.forEach((b) => b.reject(e)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.schedule();
        });
    }
  }
}
