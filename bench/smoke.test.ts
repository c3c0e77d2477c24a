// The benchmark cannot rot: its whole path on a tiny workspace, one request per hot path, over real
// HTTP (the application listening on a free port) on PGlite and PostgreSQL. No timings are asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../server/src/test/app.ts';
import { attachDriver, driverBaselines, freePort, loadPaths, machine, markdown, measureImport, measureScans, REPORT_KEYS, type Report, signIn, summarize } from './lib/bench.ts';
import { type BenchContext, hotPaths, loadContext } from './lib/paths.ts';
import { createBenchWorkspace, type SeedResult, seedBulk } from './lib/seed.ts';

let t: TestApp;
let baseUrl: string;
let seed: SeedResult;
let context: BenchContext;
const dataDir = mkdtempSync(join(tmpdir(), 'kontakt-bench-smoke-'));

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  t = await createTestApp({ env: { PUBLIC_URL: baseUrl } });
  const { workspaceId, userId } = await createBenchWorkspace(t.ctx.db);
  seed = await seedBulk(t.ctx.db, workspaceId, userId, { partners: 60, contacts: 120, activities: 1500, opportunities: 80, users: 5 });
  context = (await loadContext(t.ctx.db))!;
  await t.app.listen({ port, host: '127.0.0.1' });
});

afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('benchmark smoke', () => {
  it('seeds the workspace with bulk SQL: every kind of record, linked', () => {
    expect(seed.rows).toBeGreaterThan(0);
    expect(context.userIds).toHaveLength(5);
    expect(context.counts).toMatchObject({ partners: 60, contacts: 120, events: 900, tasks: 600, opportunities: 80, openOpportunities: 20, contracts: 6 });
    expect(context.counts.timeline).toBe(100 + 59 * 3);
    expect(context.busyPartnerIds).toHaveLength(1);
    expect(context.pipelineId).not.toBeNull();
  });

  it('answers every hot path with plausible content and writes a complete report', async () => {
    const specs = hotPaths(context, 'smoke');
    const driver = await driverBaselines(t.database, dataDir, specs, 1, 2);
    const scans = await measureScans(t.database, dataDir, 1);
    const cookie = await signIn(baseUrl);
    const options = { duration: 1, connections: 1, amount: 1 };
    const paths = await loadPaths(baseUrl, cookie, specs, options);
    attachDriver(paths, driver);
    const imported = await measureImport(baseUrl, cookie, 20, 'smoke', () => t.ctx.worker.drain());

    for (const spec of specs) {
      const result = paths[spec.name]!;
      // a path another module has not built yet may be missing; nothing else may fail
      expect([spec.name, result.status, result.error]).toEqual([spec.name, spec.optional && result.status === 'not available' ? 'not available' : 'ok', result.error && result.status === 'not available' ? result.error : null]);
      if (result.status !== 'ok') continue;
      expect(result.latency?.n).toBe(1);
      expect(result.throughput?.errors).toBe(0);
      if (spec.driver) {
        expect(result.driver?.statements).toBeGreaterThan(0);
        expect(result.ratioToDriverP50).not.toBeNull();
      }
    }
    expect(imported).toMatchObject({ rows: 20, error: null, rejected: 0 });
    expect(imported.created! + imported.duplicates!).toBe(20);
    expect(scans.taskStatusRefresh?.status).toBe('ok');
    expect(scans.reminderScan?.status).toMatch(/^(ok|not available)$/);

    const report: Report = summarize({
      date: new Date().toISOString(),
      database: t.database.kind,
      machine: machine(),
      settings: { ...options, driverIterations: 2, smoke: true },
      data: { ...context.counts, seed: { seconds: seed.seconds, rows: seed.rows, rowsPerSecond: seed.rowsPerSecond } },
      server: { process: 'in-process', coldStartMs: null, rssMiBAfterStart: null, rssMiBAfterLoad: Math.round(process.memoryUsage().rss / 2 ** 20), rssMiBAfterRest: null, restSeconds: null },
      web: null,
      paths,
      import: imported,
      scans,
      notes: [],
    });
    expect(Object.keys(report).sort()).toEqual([...REPORT_KEYS].sort());
    expect(Object.keys(report.paths)).toEqual(specs.map((s) => s.name));
    expect(report.targets).toMatchObject({ partnerListP95Ms: 30, kanbanP95Ms: 50, forecastP95Ms: 300, tasksForMeP95Ms: 30, importRowsPerSecond: 2000 });
    expect(Object.keys(report.pass)).toEqual(expect.arrayContaining(['partnerList', 'partnerCard', 'kanban', 'forecast', 'tasksForMe', 'import']));
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    const md = markdown(report);
    for (const spec of specs) expect(md).toContain(`| ${spec.name} |`);
  });
});
