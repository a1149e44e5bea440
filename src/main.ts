import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './app.setup';
import { prepareRuntime } from './bootstrap/runtime';
import { ChainSealerService } from './core/audit/chain/chain-sealer.service';

const say = (msg: string) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg })}\n`);

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
  await app.listen(port, host);
  say(`Haven listening on http://${host}:${port} (API /api/v1, docs /docs) after ${Date.now() - started} ms`);
}

bootstrap().catch((e: Error) => {
  process.stderr.write(`Haven failed to start: ${e.message}\n`);
  process.exit(1);
});
