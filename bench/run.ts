// The benchmark (issue 7): the real server (server/src/cli.ts start) as a child process on a free
// port against a benchmark workspace, HTTP load per hot path with autocannon, the same SQL through
// the bare driver, the import, the periodic scans, cold start, memory and the web app's initial JS.
//   npm run bench -- [--db postgres|pglite] [--database-url URL] [--duration 5] [--connections 8]
//     [--import-rows 5000] [--partners 100000 --contacts 300000 --activities 1000000 --opportunities 200000] [--keep]
// Uses the database `npm run bench:data` loaded (and leaves it); when there is none, seeds one with the
// sizes given and drops it afterwards (unless --keep). Results: bench/results/<date>-<db>.json and .md
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { attachDriver, driverBaselines, freePort, loadPaths, machine, markdown, measureImport, measureScans, type Report, signIn, summarize } from './lib/bench.ts';
import { activeStatements, benchLocation, drop, exists, open, serverEnv } from './lib/database.ts';
import { hotPaths, loadContext } from './lib/paths.ts';
import { createBenchWorkspace, type SeedResult, seedBulk } from './lib/seed.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '8' },
    'import-rows': { type: 'string', default: '5000' },
    rest: { type: 'string', default: '30' },
    'driver-iterations': { type: 'string', default: '100' },
    partners: { type: 'string', default: '100000' },
    contacts: { type: 'string' },
    activities: { type: 'string', default: '1000000' },
    opportunities: { type: 'string', default: '200000' },
    keep: { type: 'boolean', default: false },
    note: { type: 'string', multiple: true, default: [] },
    only: { type: 'string' },
  },
});
const kind = values.db === 'pglite' ? 'pglite' : 'postgres';
const location = benchLocation(kind, values['database-url'], values['data-dir']);
const root = join(import.meta.dirname, '..');
const runId = Date.now().toString(36);
const log = (line: string) => console.log(line);
const notes: string[] = [...(values.note ?? [])];

// 1. the workspace: the one bench:data loaded, or a new one
const existed = await exists(location);
const database = await open(location);
let seed: SeedResult | null = null;
let context = await loadContext(database.db);
if (!context) {
  const sizes = {
    partners: Number(values.partners),
    contacts: Number(values.contacts ?? Number(values.partners) * 3),
    activities: Number(values.activities),
    opportunities: Number(values.opportunities),
  };
  log(`seeding ${kind}: ${JSON.stringify(sizes)}`);
  const { workspaceId, userId } = await createBenchWorkspace(database.db);
  seed = await seedBulk(database.db, workspaceId, userId, sizes, log);
  log(`${seed.rows} rows in ${seed.seconds} s = ${seed.rowsPerSecond} rows/s`);
  context = (await loadContext(database.db))!;
}
log(`database: ${kind}; ${JSON.stringify(context.counts)}`);
const specs = hotPaths(context, runId);
// --only partnerCard,kanban: just these paths (while looking into one)
const only = <T extends { name: string }>(list: T[]) => (values.only ? list.filter((s) => values.only!.split(',').includes(s.name)) : list);

// 2. in this process, before the server opens the database: the driver baselines and the scans
const driver = await driverBaselines(database, location.dataDir, only(specs), 5, Number(values['driver-iterations']), log);
const scans = await measureScans(database, location.dataDir, 5);
for (const [name, s] of Object.entries(scans)) log(`scan ${name}: ${s.status} ${s.firstMs ?? ''} ${s.steady ? `p50 ${s.steady.p50} ms` : (s.error ?? '')}`);
await database.close();

// 3. the real server as a child process
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const spawned = performance.now();
const server: ChildProcess = spawn(process.execPath, [join(root, 'server/src/cli.ts'), 'start'], {
  cwd: root,
  env: { ...process.env, ...serverEnv(location), PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: baseUrl, SECRET: 'bench-secret-that-is-long-enough-for-signing' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
const keep = (chunk: Buffer) => {
  output = (output + chunk.toString()).slice(-4000);
};
server.stdout!.on('data', keep);
server.stderr!.on('data', keep);
const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
const rss = () => {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
};

let report: Report;
try {
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server stopped: ${output}`);
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.status === 200, () => false);
    if (ok) break;
    // a migration that appeared since the benchmark opened the database runs here, over all the rows
    if (performance.now() - spawned > 600_000) throw new Error(`the server did not start in 10 minutes: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const coldStartMs = Math.round(performance.now() - spawned);
  const rssMiBAfterStart = rss();
  log(`server ready in ${coldStartMs} ms (RSS ${rssMiBAfterStart} MiB)`);
  const cookie = await signIn(baseUrl);
  const options = { duration: Number(values.duration), connections: Number(values.connections) };
  // idle again: the health check waits behind PGlite's queue; on PostgreSQL no statement of the database is running
  const settle = async () => {
    const started = performance.now();
    for (;;) {
      await fetch(`${baseUrl}/api/health`);
      if (location.kind === 'pglite' || (await activeStatements(location)) === 0 || performance.now() - started > 120_000) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const paths = await loadPaths(baseUrl, cookie, only(specs), options, log, settle);
  attachDriver(paths, driver);
  const imported = await measureImport(baseUrl, cookie, Number(values['import-rows']), runId);
  log(`import of ${imported.rows} rows: ${imported.error ?? `${imported.seconds} s = ${imported.rowsPerSecond} rows/s`}`);
  const rssMiBAfterLoad = rss();
  log(`server RSS after the load: ${rssMiBAfterLoad} MiB`);
  // memory the server keeps once the load is over (garbage collected, caches settled): a leak stays
  const restSeconds = Number(values.rest);
  await new Promise((resolve) => setTimeout(resolve, restSeconds * 1000));
  await fetch(`${baseUrl}/api/health`);
  const rssMiBAfterRest = rss();
  log(`server RSS after ${restSeconds} s of rest: ${rssMiBAfterRest} MiB`);

  // 4. the web app's initial JavaScript (needs a build: npm run build)
  let web: Report['web'] = null;
  if (existsSync(join(root, 'web/dist/.vite/manifest.json'))) {
    execFileSync(process.execPath, [join(root, 'web/scripts/bundle-size.mjs')], { stdio: 'inherit' });
    const bundle = JSON.parse(readFileSync(join(root, 'bench/results/web-bundle.json'), 'utf8'));
    web = { initialJsGzipBytes: bundle.initialJsGzipBytes, budgetJsGzipBytes: bundle.budgetJsGzipBytes, withinBudget: bundle.withinBudget };
  } else {
    notes.push('web bundle not measured: no build (npm run build)');
  }
  notes.push('the server logs every request (pino, JSON to a pipe) as in production');
  notes.push('driver replay: the statements of a request (BEGIN/COMMIT included) one after another on one connection');
  report = summarize({
    date: new Date().toISOString(),
    database: kind,
    machine: machine(),
    settings: { ...options, driverIterations: Number(values['driver-iterations']), smoke: false },
    data: { ...context.counts, seed: seed ? { seconds: seed.seconds, rows: seed.rows, rowsPerSecond: seed.rowsPerSecond } : null },
    server: { process: 'child', coldStartMs, rssMiBAfterStart, rssMiBAfterLoad, rssMiBAfterRest, restSeconds },
    web,
    paths,
    import: imported,
    scans,
    notes,
  });
} finally {
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

const base = join(root, 'bench', 'results', `${report.date.slice(0, 10)}-${kind}`);
writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${base}.md`, markdown(report));
log(`written ${base}.json and ${base}.md`);
const missed = Object.entries(report.pass).filter(([, ok]) => ok === false);
log(missed.length ? `targets missed: ${missed.map(([n]) => n).join(', ')}` : 'all targets met');

if (!existed && !values.keep) {
  await drop(location);
  log('dropped the benchmark database (it was made for this run; --keep keeps it)');
}
