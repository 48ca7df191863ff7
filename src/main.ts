import './infrastructure/runtime/v8-tuning';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig } from './infrastructure/config/app.config';
import { ConfigError, validateEnv } from './infrastructure/config/validate-env';
import { resolveSecretKey } from './infrastructure/config/secret-key';
import { probePublicBaseUrl } from './infrastructure/config/public-base-url';
import { stopEmbeddedPostgres } from './infrastructure/database/database-url';
import { PinoNestLogger, rootLogger } from './infrastructure/logging/logger';
import { exitAfterFlush } from './infrastructure/runtime/exit';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = validateEnv(AppConfig);
    resolveSecretKey(config); // fail now, not at the first signed link
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nSee README.md "Configuration".\n`);
      return exitAfterFlush(1);
    }
    throw e;
  }
  const log = rootLogger();
  const app = await NestFactory.create(AppModule.forRoot({ scheduler: config.SCHEDULER_ENABLED }), {
    logger: new PinoNestLogger(log),
    bufferLogs: true,
  });
  configureApp(app);
  // Stop the embedded PostgreSQL only after Nest has closed its pools.
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await app.close();
    await stopEmbeddedPostgres();
    await exitAfterFlush(0);
  };

  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen(config.PORT, config.HOST);
  log.info(
    { url: `http://${config.HOST}:${config.PORT}`, database: config.DATABASE_URL ? 'external' : 'embedded' },
    '舆情哨 started',
  );
  // Every link in every email starts with PUBLIC_BASE_URL: say now if it leads nowhere (never blocks start-up).
  void probePublicBaseUrl(config.PUBLIC_BASE_URL).then(
    (warning) => warning && log.warn({ publicBaseUrl: config.PUBLIC_BASE_URL }, warning),
  );
}

bootstrap().catch(async (e) => {
  rootLogger().fatal({ err: e }, 'start-up failed');
  await stopEmbeddedPostgres().catch(() => undefined);
  await exitAfterFlush(1);
});
