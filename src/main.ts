import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './app.setup';
import { prepareRuntime } from './bootstrap/runtime';
import { ChainSealerService } from './core/audit/chain/chain-sealer.service';
import { EmbeddedDatabaseError } from './core/database/embedded/start-failure';

/** Start-up lines: plain text for a person at a terminal, one JSON line each for a log collector. */
const say = (msg: string) => process.stdout.write(process.stdout.isTTY ? `${msg}\n` : `${JSON.stringify({ level: 30, time: Date.now(), msg })}\n`);

async function signInHint(app: NestFastifyApplication, base: string): Promise<string> {
  const [{ n }] = await app.get(DataSource).query('SELECT count(*)::int AS n FROM users');
  if (n === 0) return 'sign in: no account exists yet; create the first admin with: npm run cli -- user:create --username admin --role admin --unit CENTRAL';
  const admin = process.env.HAVEN_ADMIN_USERNAME;
  return `sign in: open ${base}/ in a browser${admin ? ` (the first admin is "${admin}")` : ''}; API: POST ${base}/api/v1/auth/login`;
}

async function bootstrap(): Promise<void> {
  const started = Date.now();
  const runtime = await prepareRuntime(say);
  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), { bufferLogs: true });
    await configureApp(app);
  } catch (e) {
    await runtime.stopDatabase();
    throw e;
  }
  // Graceful stop: stop taking requests and let in-flight ones finish, link every committed audit
  // event into the chain, close the app (pools, listeners), then stop the embedded database.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received: finishing in-flight requests, then stopping`);
    try {
      await app.getHttpAdapter().close();
      const sealed = await app.get(ChainSealerService).finalSeal();
      if (sealed) say(`linked ${sealed} audit events into the chain`);
      await app.close();
    } finally {
      await runtime.stopDatabase();
      say('stopped cleanly');
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  try {
    await app.listen(port, host);
  } catch (e) {
    await app.close().catch(() => undefined);
    await runtime.stopDatabase();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${port} on ${host} is already in use: stop what is using it, or set PORT to another port`, { cause: e });
    if (code === 'EACCES') throw new Error(`this user may not listen on port ${port}: set PORT to a port above 1023`, { cause: e });
    throw e;
  }
  const base = `http://${host}:${port}`;
  say(`Haven listening on ${base} (web front office at /, API at /api/v1, docs at /docs) after ${Date.now() - started} ms`);
  say(`database: ${runtime.database}`);
  say(await signInHint(app, base));
}

bootstrap().catch((e: Error) => {
  // One sentence for the operator; the stack only when asked for.
  const detail = process.env.LOG_LEVEL === 'debug' && !(e instanceof EmbeddedDatabaseError) ? `\n${e.stack}` : '';
  process.stderr.write(`Haven failed to start: ${e.message}${detail}\n`);
  process.exit(1);
});
