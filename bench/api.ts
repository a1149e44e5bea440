import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  ms: number;
}

/** One JSON call to the server, without a client-side timeout (verifying a large chain takes a while). */
export function call<T = any>(base: string, method: string, path: string, token?: string | null, body?: unknown): Promise<ApiResponse<T>> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
  }
  return new Promise((ok, fail) => {
    const t0 = process.hrtime.bigint();
    const req = request({ agent, method, hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          /* not JSON */
        }
        ok({ status: res.statusCode ?? 0, body: parsed as T, ms });
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    if (payload) req.write(payload);
    req.end();
  });
}

/** A call that must answer with `expect` (default 2xx); anything else stops the bench with the server's answer. */
export async function must<T = any>(base: string, method: string, path: string, token?: string | null, body?: unknown, expect?: number): Promise<T> {
  const res = await call<T>(base, method, path, token, body);
  const ok = expect === undefined ? res.status >= 200 && res.status < 300 : res.status === expect;
  if (!ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}

export async function login(base: string, username: string, password: string): Promise<{ token: string; userId: string; unitId: string }> {
  const body = await must<{ accessToken: string; user: { id: string; unitId: string } }>(base, 'POST', '/api/v1/auth/login', null, { username, password });
  return { token: body.accessToken, userId: body.user.id, unitId: body.user.unitId };
}

export function destroyAgent(): void {
  agent.destroy();
}
