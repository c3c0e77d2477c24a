import { defineConfig } from 'vitest/config';

// Every database test runs on PGlite; when TEST_DATABASE_URL is set the same files run
// a second time against PostgreSQL (project "postgres"), so both dialect paths stay proven.
// bench/smoke.test.ts: the benchmark's whole path on a tiny workspace, so it cannot rot
const serverTests = ['server/src/**/*.test.ts', 'bench/**/*.test.ts'];
const projects = [
  { test: { name: 'pglite', include: serverTests, env: { KONTAKT_TEST_DB: 'pglite' } } },
];
if (process.env.TEST_DATABASE_URL) {
  projects.push({ test: { name: 'postgres', include: serverTests, env: { KONTAKT_TEST_DB: 'postgres' } } });
}
projects.push({ test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'], env: { KONTAKT_TEST_DB: 'none' } } });

export default defineConfig({
  test: {
    projects,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    passWithNoTests: false,
  },
});
