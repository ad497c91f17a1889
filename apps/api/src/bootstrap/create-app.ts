import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, type AppModuleOptions } from '../app.module';
import { usePreparedStatements } from '../common/sql/prepared-query';
import { configureApp } from './configure-app';

/** Creates the configured (not yet listening) application. */
export async function createApp(options: AppModuleOptions): Promise<NestExpressApplication> {
  usePreparedStatements(options.config.dbPreparedStatements);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app, options.config);
  await app.init();
  return app;
}
