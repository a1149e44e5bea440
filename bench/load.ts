import autocannon from 'autocannon';

export interface HttpLoadSpec {
  title: string;
  base: string;
  method: 'GET' | 'POST';
  /** The path of the i-th request (lets a read cycle through many records). */
  path: (i: number) => string;
  /** The JSON body of the i-th request, for writes. */
  body?: (i: number) => unknown;
  token: string;
  connections: number;
  durationSec: number;
  warmupSec: number;
  /** Runs after the warm-up, just before the measured run (e.g. count audit events). */
  beforeMeasured?: () => Promise<void>;
  /** Runs as the measured run starts and when it ends (e.g. sample the server's memory). */
  onMeasuredStart?: () => void;
  onMeasuredEnd?: () => void;
}

export interface HttpLoadResult {
  title: string;
  connections: number;
  /** Requests the measured run sent (all of them completed: the run is by count, not by time). */
  requests: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  seconds: number;
  reqPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function instance(spec: HttpLoadSpec, opts: { duration?: number; amount?: number }, counter: { i: number }) {
  const headers: Record<string, string> = { authorization: `Bearer ${spec.token}`, accept: 'application/json' };
  if (spec.body) headers['content-type'] = 'application/json';
  return autocannon({
    url: spec.base,
    connections: spec.connections,
    pipelining: 1,
    timeout: 30,
    sampleInt: 250,
    ...opts,
    requests: [
      {
        method: spec.method,
        headers,
        setupRequest: (req) => {
          const i = counter.i++;
          return { ...req, path: spec.path(i), ...(spec.body ? { body: JSON.stringify(spec.body(i)) } : {}) };
        },
      },
    ],
  });
}

/**
 * Warm-up by time (JIT, pools, caches; also gives the rate), then a measured run by COUNT sized
 * to last about `durationSec`: a timed autocannon run drops the requests in flight when the clock
 * runs out, which the server may still have answered and audited, so only a counted run can be
 * matched exactly against the audit log. The rate is taken from our own clock (first request to
 * last response), not autocannon's sampling ticks.
 */
export async function httpLoad(spec: HttpLoadSpec): Promise<HttpLoadResult> {
  const counter = { i: 0 };
  // The rate for sizing the measured run comes from the warm-up's second half (past the JIT's cold start).
  const w0 = Date.now();
  const half = (spec.warmupSec * 1000) / 2;
  let lateResponses = 0;
  const warmRun = instance(spec, { duration: spec.warmupSec }, counter);
  warmRun.on('response', () => {
    if (Date.now() - w0 >= half) lateResponses += 1;
  });
  const warm = await warmRun;
  const warmRate = Math.max(lateResponses / (half / 1000), warm['2xx'] / Math.max(warm.duration, 0.001));
  if (warm['2xx'] === 0) {
    throw new Error(`${spec.title}: warm-up got no 2xx (status codes ${JSON.stringify(warm.statusCodeStats)}, errors ${warm.errors})`);
  }
  // Requests cut off at the end of the warm-up may still be finishing on the server.
  await sleep(500);
  await spec.beforeMeasured?.();
  const amount = Math.max(spec.connections * 10, Math.round((warmRate * spec.durationSec) / spec.connections) * spec.connections);
  let last = 0;
  spec.onMeasuredStart?.();
  const t0 = process.hrtime.bigint();
  const run = instance(spec, { amount }, counter);
  run.on('response', () => {
    last = Number(process.hrtime.bigint() - t0) / 1e9;
  });
  const r = await run;
  spec.onMeasuredEnd?.();
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats)) statusCodes[code] = s.count;
  const seconds = last || r.duration;
  return {
    title: spec.title,
    connections: spec.connections,
    requests: amount,
    ok2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    statusCodes,
    seconds,
    reqPerSec: r['2xx'] / seconds,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
  };
}

/** Sequential requests one at a time: latency of a single request with nothing else going on. */
export async function sequentialTimings(n: number, once: (i: number) => Promise<number>): Promise<{ n: number; p50: number; p95: number; max: number }> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) ms.push(await once(i));
  return { n, p50: percentile(ms, 50), p95: percentile(ms, 95), max: Math.max(...ms) };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[idx];
}
