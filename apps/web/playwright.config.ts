import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests: Debian's Chromium (/usr/bin/chromium, never `playwright install`)
 * against the real API serving the built SPA, on a fresh throwaway embedded
 * database seeded with the "Лидер" demo staff.
 *
 * Needs `pnpm build` first (apps/api/dist and apps/web/dist).
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// The runner and its workers all load this file: only the first creates the
// database folder, the workers inherit its path through the environment.
if (!process.env.POLAR_E2E_DATA_DIR) {
  const dir = mkdtempSync(join(tmpdir(), 'polar-e2e-'));
  process.env.POLAR_E2E_DATA_DIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  // A test walks several screens; on a busy 2-core machine a minute is the honest budget.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL,
    testIdAttribute: 'data-test',
    viewport: { width: 1440, height: 900 },
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'node ../api/dist/main.js',
    cwd: here,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      DATA_DIR: process.env.POLAR_E2E_DATA_DIR,
      NODE_ENV: 'test',
      DEMO_SEED: 'true',
      // Job runs started by hand and imports go through the work queue: its workers run here.
      QUEUE_ENABLED: 'true',
      QUEUE_POLL_MS: '200',
      // E2E_WEB_DIR: a build elsewhere (e.g. while another build rewrites dist).
      SERVE_WEB_DIR: process.env.E2E_WEB_DIR ?? resolve(here, 'dist'),
    },
  },
});
