import { request } from 'node:http';
import { Body, Controller, Get, Logger, Post } from '@nestjs/common';
import { storage } from 'nestjs-pino/storage';
import { Public } from '../../src/core/auth/access.decorator';
import { createTestApp, TestApp } from '../support/test-app';

/** What Nest's Logger would write to inside a handler: the logger in nestjs-pino's async context. */
function boundRequestId(): unknown {
  new Logger('Probe').debug('probe');
  return storage.getStore()?.logger.bindings().requestId ?? null;
}

@Controller('log-probe')
class LogProbeController {
  @Public()
  @Get()
  get() {
    return { requestId: boundRequestId() };
  }

  @Public()
  @Post()
  async post(@Body() _body: unknown) {
    // After a database round trip too: the context survives awaits.
    await new Promise((ok) => setTimeout(ok, 5));
    return { requestId: boundRequestId() };
  }
}

/** Client request ids are kept only when they are UUIDs: a readable one per probe. */
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('the request id on every log line', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ fixtures: false, extraControllers: [LogProbeController] });
  });
  afterAll(() => t.close());

  it('binds the request id to the logger Nest code uses while handling a request, with or without a body', async () => {
    const get = await t.http().get('/api/v1/log-probe').set('x-request-id', id(1)).expect(200);
    expect(get.body).toEqual({ requestId: id(1) });
    const post = await t.http().post('/api/v1/log-probe').set('x-request-id', id(2)).send({ a: 1 }).expect(201);
    expect(post.body).toEqual({ requestId: id(2) });
    // A body that arrives in two parts, 50 ms apart: read in the connection's context, not the request's.
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    const split = await new Promise<{ status?: number; body: string }>((ok, fail) => {
      const address = server.address() as { port: number };
      const req = request(
        {
          host: '127.0.0.1',
          port: address.port,
          path: '/api/v1/log-probe',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': '14', 'x-request-id': id(3) },
        },
        (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => ok({ status: res.statusCode, body }));
        },
      );
      req.on('error', fail);
      req.write('{"part":');
      setTimeout(() => req.end('"two"}'), 50);
    });
    expect(split.status).toBe(201);
    expect(JSON.parse(split.body)).toEqual({ requestId: id(3) });
    // Concurrent requests each see their own.
    const many = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t
          .http()
          .post('/api/v1/log-probe')
          .set('x-request-id', id(100 + i))
          .send({ i }),
      ),
    );
    expect(many.map((r) => r.body.requestId)).toEqual(Array.from({ length: 20 }, (_, i) => id(100 + i)));
  });
});
