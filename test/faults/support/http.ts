import { Agent, request as httpRequest } from 'node:http';

/** What one request got: status 0 when no answer came (refused, reset, timed out). */
export interface Answer {
  status: number;
  body: any;
  /** From sending to the whole answer (or the failure). */
  ms: number;
  startedAt: number;
  endedAt: number;
  /** The socket error when there was no answer: ECONNREFUSED, ECONNRESET, timeout… */
  error?: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Client-side limit: past it the request counts as a hang (status 0, error "timeout"). */
  timeoutMs?: number;
  /** A fresh connection for this request instead of a pooled keep-alive one. */
  fresh?: boolean;
}

/**
 * A small HTTP client for load against a server process on 127.0.0.1 (node:http, so the number of
 * sockets and keep-alive are ours to set, and a dead server shows as a socket error, not a throw).
 */
export class Client {
  readonly agent: Agent;

  constructor(
    readonly base: string,
    maxSockets = 256,
  ) {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error(`fault tests only talk to 127.0.0.1, not ${base}`);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  call(method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
    const url = new URL(path, this.base);
    const payload = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const headers: Record<string, string> = {};
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const startedAt = Date.now();
    return new Promise((ok) => {
      let done = false;
      const finish = (a: Omit<Answer, 'ms' | 'startedAt' | 'endedAt'>) => {
        if (done) return;
        done = true;
        const endedAt = Date.now();
        ok({ ...a, ms: endedAt - startedAt, startedAt, endedAt });
      };
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent: opts.fresh ? false : this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e: NodeJS.ErrnoException) => finish({ status: 0, body: null, error: e.code ?? e.message }));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : null;
            } catch {
              /* not JSON (CSV exports) */
            }
            finish({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => finish({ status: 0, body: null, error: e.code ?? e.message }));
      if (opts.timeoutMs) {
        req.setTimeout(opts.timeoutMs, () => {
          finish({ status: 0, body: null, error: 'timeout' });
          req.destroy();
        });
      }
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Like call, but throws unless the status is the expected one (for set-up steps). */
  async expect(status: number, method: string, path: string, opts: CallOptions = {}): Promise<any> {
    const a = await this.call(method, path, opts);
    if (a.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${a.status} ${a.error ?? ''} ${JSON.stringify(a.body)}`);
    return a.body;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Counts answers by status (0 = no answer) and keeps the slowest. */
export class Tally {
  readonly byStatus = new Map<string, number>();
  sent = 0;
  maxMs = 0;

  add(a: Answer): Answer {
    this.sent += 1;
    const key = a.status === 0 ? `no answer (${a.error})` : String(a.status);
    this.byStatus.set(key, (this.byStatus.get(key) ?? 0) + 1);
    this.maxMs = Math.max(this.maxMs, a.ms);
    return a;
  }

  count(pred: (status: string) => boolean): number {
    let n = 0;
    for (const [k, v] of this.byStatus) if (pred(k)) n += v;
    return n;
  }

  toString(): string {
    const parts = [...this.byStatus.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}×${v}`);
    return `${this.sent} requests [${parts.join(', ') || 'none'}], slowest ${this.maxMs} ms`;
  }
}

/** One line per figure, prefixed, so a reader of the CI log sees what each scenario did. */
export function report(scenario: string, lines: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(lines).map((k) => k.length));
  const text = Object.entries(lines)
    .map(([k, v]) => `[faults:${scenario}] ${k.padEnd(width)}  ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('\n');
  process.stdout.write(`${text}\n`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` is true, or throws after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30000, everyMs = 50): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await check()) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
