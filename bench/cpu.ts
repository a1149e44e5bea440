import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat (100 on every mainstream Linux). */
const HZ = 100;

function stat(pid: number): { ppid: number; cpuSec: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid … utime stime …": comm may hold spaces, so split after the last ")".
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), cpuSec: (Number(f[11]) + Number(f[12])) / HZ };
  } catch {
    return null;
  }
}

/** CPU seconds per process: `pid` itself and, with `children`, every process whose parent it is. */
function snapshot(pid: number, children: boolean): Map<number, number> {
  const out = new Map<number, number>();
  const self = stat(pid);
  if (self) out.set(pid, self.cpuSec);
  if (children) {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const p = Number(name);
      const st = stat(p);
      if (st && st.ppid === pid) out.set(p, st.cpuSec);
    }
  }
  return out;
}

export interface CpuShare {
  /** CPU used during the window, as a share of one core (1.0 = one core busy throughout). */
  server: number;
  postgres: number;
  /** This process: the load generator (autocannon, or the ceiling's pg clients). */
  loadGenerator: number;
  /** Length of the window, seconds. */
  seconds: number;
}

/**
 * Measures CPU use of the server, PostgreSQL (the postmaster and its backends, when it runs on
 * this machine) and the bench itself over a window: start() … stop().
 */
export function cpuWindow(serverPid: number | null, postmasterPid: number | null): { stop(): CpuShare } {
  const t0 = process.hrtime.bigint();
  const self0 = process.cpuUsage();
  const srv0 = serverPid ? snapshot(serverPid, false) : new Map<number, number>();
  const pg0 = postmasterPid ? snapshot(postmasterPid, true) : new Map<number, number>();
  const used = (before: Map<number, number>, after: Map<number, number>) => {
    let sum = 0;
    for (const [p, v] of after) sum += v - (before.get(p) ?? 0);
    return sum;
  };
  return {
    stop: () => {
      const sec = Number(process.hrtime.bigint() - t0) / 1e9;
      const self = process.cpuUsage(self0);
      const srv = serverPid ? used(srv0, snapshot(serverPid, false)) : NaN;
      // A backend that exited during the window is not counted (the pools keep theirs open).
      const pg = postmasterPid ? used(pg0, snapshot(postmasterPid, true)) : NaN;
      return { server: srv / sec, postgres: pg / sec, loadGenerator: (self.user + self.system) / 1e6 / sec, seconds: sec };
    },
  };
}

/** The postmaster of the backend serving `backendPid`, if that backend runs on this machine. */
export function postmasterOf(backendPid: number): number | null {
  try {
    if (!readFileSync(`/proc/${backendPid}/comm`, 'utf8').startsWith('postgres')) return null;
  } catch {
    return null;
  }
  return stat(backendPid)?.ppid ?? null;
}

/** CPU shares over the window, and with `requests` the CPU milliseconds each request cost the server and PostgreSQL. */
export function formatCpu(c: CpuShare | undefined, requests?: number): string {
  if (!c) return '';
  const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : 'n/a');
  const per = (x: number) => (requests && Number.isFinite(x) ? ` (${((x * c.seconds * 1000) / requests).toFixed(2)} ms/req)` : '');
  return `CPU server ${pct(c.server)}${per(c.server)}, postgres ${pct(c.postgres)}${per(c.postgres)}, bench ${pct(c.loadGenerator)}`;
}
