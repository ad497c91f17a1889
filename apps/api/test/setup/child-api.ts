/**
 * An API instance in its own process, for tests that kill one (SIGKILL) mid-way.
 * Run with `node -r @swc-node/register test/setup/child-api.ts` from apps/api.
 *
 * Environment: CHILD_DATABASE_URL, CHILD_POOL_MAX, CHILD_NOW (a fixed "now", ISO),
 * CHILD_PAUSE_AFTER_STEP (pause every job run after its n-th committed step, forever),
 * plus the application's own settings (JOB_LEASE_SECONDS, JOBS_CHUNK_SIZE, QUEUE_*…).
 * Prints `ready <port>` when it listens and `paused <job> <runId> <step>` at a pause.
 */
import 'reflect-metadata';
import { createApp } from '../../src/bootstrap/create-app';
import { Clock } from '../../src/common/context/clock';
import { APP_CONFIG, type AppConfig, loadConfig } from '../../src/config/app-config';
import { JobsService } from '../../src/modules/jobs/jobs.service';

class PinnedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
}

async function main(): Promise<void> {
  const env = process.env;
  // Jobs start only after the pause probe is in place (below), never during init.
  const config = loadConfig({ ...env, NODE_ENV: 'test', JOBS_ENABLED: 'false' });
  const app = await createApp({
    config,
    database: { url: env.CHILD_DATABASE_URL ?? '', poolMax: Number(env.CHILD_POOL_MAX ?? '1') },
    clock: env.CHILD_NOW ? new PinnedClock(new Date(env.CHILD_NOW)) : undefined,
  });
  const jobs = app.get(JobsService);
  const pauseAfter = Number(env.CHILD_PAUSE_AFTER_STEP ?? '0');
  if (pauseAfter > 0) {
    jobs.stepProbe = async (job, runId, step) => {
      if (step !== pauseAfter) return;
      process.stdout.write(`paused ${job} ${runId} ${step}\n`);
      await new Promise<never>(() => undefined);
    };
  }
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  process.stdout.write(`ready ${port}\n`);
  if (env.JOBS_ENABLED === 'true') {
    app.get<AppConfig>(APP_CONFIG).jobs.enabled = true;
    await jobs.onApplicationBootstrap();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`child API failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
