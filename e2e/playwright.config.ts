import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// Journeys run against the real server (built web app, embedded database in a throw-away data dir)
// in Debian's Chromium; failures keep screenshots and traces under e2e/results/.
const port = Number(process.env.E2E_PORT ?? 3199);
// A fresh data dir per run. The config is evaluated again in each worker process: the environment
// carries the first evaluation's choice so every process agrees on it.
process.env.KONTAKT_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'kontakt-e2e-'));
const dataDir = process.env.KONTAKT_E2E_DATA_DIR;

export default defineConfig({
  testDir: join(import.meta.dirname, 'journeys'),
  outputDir: join(import.meta.dirname, 'results', 'artifacts'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: join(import.meta.dirname, 'results', 'report'), open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // The shell journey starts on a fresh server (first-run setup); the area journeys sign in to the
  // workspace it set up, so they run after it.
  projects: [
    { name: 'shell', testMatch: /shell\.spec\.ts$/ },
    { name: 'areas', testMatch: /\.spec\.ts$/, testIgnore: /shell\.spec\.ts$/, dependencies: ['shell'] },
  ],
  webServer: {
    command: 'node server/src/cli.ts start',
    cwd: join(import.meta.dirname, '..'),
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn' },
  },
});
