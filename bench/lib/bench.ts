// The benchmark's measurements and its report: HTTP load per hot path (autocannon), the same SQL
// through the driver, the import's rows/s, the periodic scans (reminders, task statuses), and the
// JSON + Markdown result files.
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import autocannon from 'autocannon';
import type { Database } from '../../server/src/db/database.ts';
import type { JobHandler } from '../../server/src/platform/jobs/queue.ts';
import { type DriverResult, inProcessApp, measureDriver, type Statement } from './driver.ts';
import type { BenchContext, PathSpec } from './paths.ts';
import { BENCH_ADMIN } from './seed.ts';
import { type Stats, stats } from './stats.ts';

export interface LoadOptions {
  /** Seconds per run (ignored when `amount` is set). */
  duration: number;
  /** Connections of the throughput run (the latency run uses one). */
  connections: number;
  /** Requests per run instead of a duration (the smoke test: 1). */
  amount?: number;
}

export interface PathResult {
  title: string;
  method: string;
  example: string;
  status: 'ok' | 'not available' | 'failed';
  error: string | null;
  /** One connection: the time of one request without queueing. */
  latency: Stats | null;
  /** `connections` connections: requests per second and the latency under that load. */
  throughput: (Stats & { connections: number; requestsPerSecond: number; errors: number }) | null;
  targetP95Ms: number | null;
  pass: boolean | null;
  driver: DriverResult | null;
  ratioToDriverP50: number | null;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Signs in over HTTP; returns the session cookie. */
export async function signIn(baseUrl: string, email: string = BENCH_ADMIN.email, password: string = BENCH_ADMIN.password): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: baseUrl }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`sign-in failed (${res.status}): ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
}

async function send(baseUrl: string, cookie: string, spec: PathSpec, i: number) {
  const body = spec.body?.(i);
  const res = await fetch(`${baseUrl}${spec.url(i)}`, {
    method: spec.method,
    headers: body ? { cookie, origin: baseUrl, 'content-type': 'application/json' } : { cookie },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, text: await res.text() };
}

async function cannon(baseUrl: string, cookie: string, spec: PathSpec, next: () => number, connections: number, options: LoadOptions) {
  const samples: number[] = [];
  let errors = 0;
  const instance = autocannon({
    url: baseUrl,
    connections,
    // a short sampling interval lets a run of a few requests end as soon as they are answered
    ...(options.amount ? { amount: options.amount, sampleInt: 10 } : { duration: options.duration }),
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => {
          const i = next();
          const body = spec.body?.(i);
          return {
            ...request,
            method: spec.method,
            path: spec.url(i),
            headers: body ? { cookie, origin: baseUrl, 'content-type': 'application/json' } : { cookie },
            body: body ? JSON.stringify(body) : undefined,
          };
        },
        ...(spec.onResponse ? { onResponse: (status: number, body: string) => spec.onResponse!(status, body) } : {}),
      },
    ],
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 300) errors++;
    else samples.push(responseTime);
  });
  const result = (await instance) as { requests: { total: number }; duration: number; errors: number; timeouts: number };
  const seconds = Math.max(result.duration, 0.001);
  return { samples, errors: errors + result.errors + result.timeouts, requestsPerSecond: round(samples.length / seconds) };
}

/**
 * Per path: one probe request (404 on an optional path = not available; its body is checked), then
 * a run at one connection (latency) and one at `connections` (throughput).
 */
export async function loadPaths(
  baseUrl: string,
  cookie: string,
  specs: PathSpec[],
  options: LoadOptions,
  log: (line: string) => void = () => {},
  settle: () => Promise<void> = async () => {},
) {
  const out: Record<string, PathResult> = {};
  for (const spec of specs) {
    let counter = 0;
    const next = () => counter++;
    const result: PathResult = {
      title: spec.title,
      method: spec.method,
      example: spec.url(0),
      status: 'ok',
      error: null,
      latency: null,
      throughput: null,
      targetP95Ms: spec.targetP95Ms ?? null,
      pass: null,
      driver: null,
      ratioToDriverP50: null,
    };
    out[spec.name] = result;
    const probe = await send(baseUrl, cookie, spec, next());
    spec.onResponse?.(probe.status, probe.text);
    if (probe.status === 404 && spec.optional) {
      result.status = 'not available';
      result.error = `${spec.method} ${spec.url(0).split('?')[0]} answers 404`;
      log(`${spec.title.padEnd(64)} not available`);
      continue;
    }
    const problem = probe.status >= 300 ? `${probe.status} ${probe.text.slice(0, 300)}` : spec.check(JSON.parse(probe.text));
    if (problem) {
      result.status = 'failed';
      result.error = problem;
      log(`${spec.title.padEnd(64)} FAILED: ${problem}`);
      continue;
    }
    // autocannon stops at the end of its time without waiting for the answers under way: the
    // server finishes them before the next run starts, so one path's leftovers do not slow the next
    const single = await cannon(baseUrl, cookie, spec, next, 1, options);
    await settle();
    result.latency = stats(single.samples);
    const many = await cannon(baseUrl, cookie, spec, next, options.connections, options);
    await settle();
    result.throughput = { ...stats(many.samples), connections: options.connections, requestsPerSecond: many.requestsPerSecond, errors: many.errors };
    if (single.errors + many.errors > 0) {
      result.status = 'failed';
      result.error = `${single.errors + many.errors} responses were not 2xx`;
    }
    if (result.targetP95Ms !== null) result.pass = result.status === 'ok' && result.latency.p95 <= result.targetP95Ms;
    log(
      `${spec.title.padEnd(64)} p50 ${result.latency.p50} p95 ${result.latency.p95} p99 ${result.latency.p99} ms` +
        `  ${result.throughput.requestsPerSecond} req/s @${options.connections}${result.pass === false ? '  MISSES TARGET' : ''}${result.error ? `  ${result.error}` : ''}`,
    );
  }
  return out;
}

/**
 * The same SQL through the driver: the application in this process makes `samples` requests of each
 * path marked `driver`, their statements are replayed `iterations` times through the bare driver.
 */
export async function driverBaselines(database: Database, dataDir: string, specs: PathSpec[], samples: number, iterations: number, log: (line: string) => void = () => {}) {
  const app = await inProcessApp(database, dataDir);
  const out: Record<string, DriverResult | { error: string }> = {};
  try {
    const res = await app.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: BENCH_ADMIN.email, password: BENCH_ADMIN.password } });
    if (res.statusCode !== 200) throw new Error(`in-process sign-in failed: ${res.body}`);
    const raw = res.headers['set-cookie'];
    const cookie = (Array.isArray(raw) ? raw : [raw ?? '']).map((c) => c.split(';')[0]!).join('; ');
    for (const spec of specs) {
      if (!spec.driver || spec.method !== 'GET') continue;
      const captured: Statement[][] = [];
      let error: string | null = null;
      for (let i = 0; i < samples && !error; i++) {
        const { statusCode, body, statements } = await app.capture(spec.url(i), { cookie });
        if (statusCode !== 200) error = `${statusCode} ${body.slice(0, 200)}`;
        else captured.push(statements);
      }
      if (error) {
        out[spec.name] = { error };
        log(`driver ${spec.name.padEnd(24)} ${error}`);
        continue;
      }
      const result = await measureDriver(database, captured, iterations);
      out[spec.name] = result;
      log(`driver ${spec.name.padEnd(24)} p50 ${result.p50} p95 ${result.p95} ms  ${result.statements} statements; slowest ${result.slowest?.p50} ms`);
    }
  } finally {
    await app.close();
  }
  return out;
}

/** Joins the driver baselines into the path results. */
export function attachDriver(paths: Record<string, PathResult>, driver: Record<string, DriverResult | { error: string }>) {
  for (const [name, result] of Object.entries(paths)) {
    const d = driver[name];
    if (!d || 'error' in d) continue;
    result.driver = d;
    if (result.latency && d.p50 > 0) result.ratioToDriverP50 = round(result.latency.p50 / d.p50);
  }
}

export interface ImportResult {
  rows: number;
  seconds: number | null;
  rowsPerSecond: number | null;
  created: number | null;
  duplicates: number | null;
  rejected: number | null;
  targetRowsPerSecond: number;
  pass: boolean | null;
  error: string | null;
}

function cui(base: number): string {
  const digits = String(base).padStart(9, '0').split('').map(Number);
  const sum = digits.reduce((s, d, i) => s + d * [7, 5, 3, 2, 1, 7, 5, 3, 2][i]!, 0);
  return `${base}${((sum * 10) % 11) % 10}`;
}

/** A CSV of `rows` partners (RO/PL/HU/UA names, some wrong tax IDs, some duplicates of seeded partners). */
export function importCsv(rows: number, runId: string): string {
  const cities = ['București', 'Cluj-Napoca', 'Iași', 'Kraków', 'Łódź', 'Budapest', 'Győr', 'Київ', 'Львів', 'Timișoara'];
  const lines = ['Denumire;Țara;Oraș;CUI;E-mail;Stare'];
  for (let i = 1; i <= rows; i++) {
    const name = i % 50 === 0 ? `Brânzeturi Ardelene ${i}` : `${['Import Nou', 'Nowy Import', 'Új Import', 'Новий Імпорт'][i % 4]} ${runId} ${i}`;
    const tax = i % 4 === 0 ? (i % 97 === 0 ? `RO${10_000_000 + i}9` : `RO${cui(10_000_000 + i)}`) : '';
    lines.push([name, ['RO', 'PL', 'HU', 'UA'][i % 4], cities[i % cities.length], i % 50 === 0 ? '' : tax, i % 50 === 0 ? `office${i}@firma${i}.example` : `import${runId}.${i}@nou.example`, 'prospect'].join(';'));
  }
  return lines.join('\n');
}

/** Uploads, runs and waits for an import of `rows` partners; `tick` runs between polls (the smoke test drains the worker). */
export async function measureImport(baseUrl: string, cookie: string, rows: number, runId: string, tick: () => Promise<void> = async () => {}): Promise<ImportResult> {
  const target = 2000;
  const result: ImportResult = { rows, seconds: null, rowsPerSecond: null, created: null, duplicates: null, rejected: null, targetRowsPerSecond: target, pass: null, error: null };
  const form = new FormData();
  form.append('file', new Blob([importCsv(rows, runId)], { type: 'text/csv' }), 'bench.csv');
  const uploaded = await fetch(`${baseUrl}/api/v1/imports?entity=partner`, { method: 'POST', headers: { cookie, origin: baseUrl }, body: form });
  if (uploaded.status !== 201) return { ...result, error: `upload: ${uploaded.status} ${await uploaded.text()}` };
  const analysis = (await uploaded.json()) as { id: string; suggested: (string | null)[] };
  const start = performance.now();
  const run = await fetch(`${baseUrl}/api/v1/imports/${analysis.id}/run`, {
    method: 'POST',
    headers: { cookie, origin: baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ mapping: analysis.suggested }),
  });
  if (run.status >= 300) return { ...result, error: `run: ${run.status} ${await run.text()}` };
  for (;;) {
    await tick();
    const state = (await (await fetch(`${baseUrl}/api/v1/imports/${analysis.id}`, { headers: { cookie } })).json()) as Record<string, unknown>;
    if (state.status === 'done' || state.status === 'failed') {
      const seconds = (performance.now() - start) / 1000;
      if (state.status === 'failed') return { ...result, error: `import failed: ${state.error}` };
      const rowsPerSecond = Math.round(rows / seconds);
      return {
        ...result,
        seconds: round(seconds, 2),
        rowsPerSecond,
        created: Number(state.createdCount),
        duplicates: Number(state.duplicateCount),
        rejected: Number(state.rejectedCount),
        pass: rowsPerSecond >= target,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ScanResult {
  queue: string;
  status: 'ok' | 'not available' | 'failed';
  /** The first run (does the work that piled up). */
  firstMs: number | null;
  /** The following runs (steady state, as every minute). */
  steady: Stats | null;
  result: unknown;
  error: string | null;
}

/**
 * The periodic scans that run over every task or event: the task-status refresh and, when a
 * module registers one, the reminder scan (a job queue whose name has "remind"). Their handlers are
 * taken from the modules' registration and called directly.
 */
export async function measureScans(database: Database, dataDir: string, runs: number): Promise<Record<string, ScanResult>> {
  const app = await inProcessApp(database, dataDir);
  const out: Record<string, ScanResult> = {};
  try {
    const handlers = app.handlers;
    const wanted: [string, string | undefined][] = [
      ['taskStatusRefresh', handlers.has('tasks.status') ? 'tasks.status' : undefined],
      ['reminderScan', [...handlers.keys()].find((q) => /remind/i.test(q))],
    ];
    for (const [name, queue] of wanted) {
      if (!queue) {
        out[name] = { queue: '', status: 'not available', firstMs: null, steady: null, result: null, error: 'no job queue registered for it' };
        continue;
      }
      const handler = handlers.get(queue)! as JobHandler;
      const job = { id: '00000000-0000-4000-8000-000000000000', queue, workspaceId: null, payload: {}, attempts: 1, maxAttempts: 1 };
      const context = { db: database.db, reportProgress: async () => {} };
      try {
        let t0 = performance.now();
        let result = await handler(job, context);
        const firstMs = round(performance.now() - t0, 2);
        const samples: number[] = [];
        for (let i = 0; i < runs; i++) {
          t0 = performance.now();
          result = await handler(job, context);
          samples.push(performance.now() - t0);
        }
        out[name] = { queue, status: 'ok', firstMs, steady: stats(samples), result, error: null };
      } catch (error) {
        out[name] = { queue, status: 'failed', firstMs: null, steady: null, result: null, error: error instanceof Error ? error.message : String(error) };
      }
    }
  } finally {
    await app.close();
  }
  return out;
}

export interface Report {
  date: string;
  database: string;
  machine: { cpus: number; cpu: string | undefined; memoryGiB: number; node: string; loadAverage: number[] };
  settings: LoadOptions & { driverIterations: number; smoke: boolean };
  data: BenchContext['counts'] & { seed: { seconds: number; rows: number; rowsPerSecond: number } | null };
  server: {
    process: 'child' | 'in-process';
    coldStartMs: number | null;
    rssMiBAfterStart: number | null;
    rssMiBAfterLoad: number | null;
    /** after the load and a rest with no requests: memory the server kept (a leak shows here) */
    rssMiBAfterRest: number | null;
    restSeconds: number | null;
  };
  web: { initialJsGzipBytes: number; budgetJsGzipBytes: number; withinBudget: boolean } | null;
  paths: Record<string, PathResult>;
  import: ImportResult;
  scans: Record<string, ScanResult>;
  targets: Record<string, number>;
  pass: Record<string, boolean | null>;
  notes: string[];
}

/** Top-level keys every report has (the smoke test checks them). */
export const REPORT_KEYS = ['date', 'database', 'machine', 'settings', 'data', 'server', 'web', 'paths', 'import', 'scans', 'targets', 'pass', 'notes'] as const;

export function summarize(report: Omit<Report, 'targets' | 'pass'>): Report {
  const targets: Record<string, number> = {};
  const pass: Record<string, boolean | null> = {};
  for (const [name, p] of Object.entries(report.paths)) {
    if (p.targetP95Ms === null) continue;
    targets[`${name}P95Ms`] = p.targetP95Ms;
    pass[name] = p.pass;
  }
  targets.importRowsPerSecond = report.import.targetRowsPerSecond;
  const { rssMiBAfterStart: start, rssMiBAfterRest: rest } = report.server;
  if (start !== null && rest !== null) {
    // after a rest the server is back near where it started: within a quarter more, or 64 MiB
    targets.rssMiBAfterRest = Math.round(Math.max(start * 1.25, start + 64));
    pass.memoryAfterRest = rest <= targets.rssMiBAfterRest;
  }
  pass.import = report.import.pass;
  if (report.web) {
    targets.webInitialJsGzipBytes = report.web.budgetJsGzipBytes;
    pass.web = report.web.withinBudget;
  }
  return { ...report, targets, pass };
}

export function machine() {
  // the load average when the report is made: other work on the machine shows in the p95s
  return { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverage: loadavg().map((n) => Math.round(n * 10) / 10) };
}

const cell = (v: unknown) => (v === null || v === undefined ? '–' : String(v));

/** The Markdown summary of a report. */
export function markdown(r: Report): string {
  const d = r.data;
  const lines = [
    `# Benchmark ${r.date.slice(0, 10)} — ${r.database}`,
    '',
    `${r.machine.cpus} × ${r.machine.cpu ?? 'CPU'}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, load average ${r.machine.loadAverage.join(' / ')} (1 / 5 / 15 min) at the end. ` +
      `Workspace: ${d.partners} partners, ${d.contacts} contacts, ${d.events} events, ${d.tasks} tasks, ${d.opportunities} opportunities (${d.openOpportunities} open), ${d.contracts} contracts, ${d.timeline} timeline entries.` +
      (d.seed ? ` Seeded in ${d.seed.seconds} s (${d.seed.rowsPerSecond} rows/s).` : ''),
    '',
    `Latency: one connection, ${r.settings.amount ? `${r.settings.amount} request(s)` : `${r.settings.duration} s`}; throughput: ${r.settings.connections} connections. ` +
      'Driver: every SQL statement the request runs, replayed in order through the bare driver; ratio = API p50 / driver p50.',
    '',
    '| path | p50 ms | p95 ms | p99 ms | target p95 | pass | req/s | driver p50 ms | ratio | statements | slowest statement p50 ms |',
    '| --- | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [name, p] of Object.entries(r.paths)) {
    const pass = p.pass === null ? '' : p.pass ? 'yes' : '**no**';
    if (p.status !== 'ok') {
      lines.push(`| ${name} | ${p.status}${p.error ? `: ${p.error.replace(/\|/g, '/').slice(0, 120)}` : ''} | | | ${cell(p.targetP95Ms)} | ${pass} | | | | | |`);
      continue;
    }
    lines.push(
      `| ${name} | ${cell(p.latency?.p50)} | ${cell(p.latency?.p95)} | ${cell(p.latency?.p99)} | ${cell(p.targetP95Ms)} | ${pass} | ${cell(p.throughput?.requestsPerSecond)} | ${cell(p.driver?.p50)} | ${cell(p.ratioToDriverP50)} | ${cell(p.driver?.statements)} | ${cell(p.driver?.slowest?.p50)} |`,
    );
  }
  const i = r.import;
  lines.push('', `Import: ${i.rows} rows ${i.error ? `failed: ${i.error}` : `in ${i.seconds} s = **${i.rowsPerSecond} rows/s** (target ${i.targetRowsPerSecond}; created ${i.created}, duplicates ${i.duplicates}, rejected ${i.rejected})`}.`, '');
  for (const [name, s] of Object.entries(r.scans)) {
    lines.push(`Scan ${name} (${s.queue || 'no queue'}): ${s.status === 'ok' ? `first run ${s.firstMs} ms, then p50 ${s.steady?.p50} ms, p95 ${s.steady?.p95} ms` : `${s.status}${s.error ? ` (${s.error})` : ''}`}.`);
  }
  lines.push(
    '',
    `Server (${r.server.process}): cold start ${cell(r.server.coldStartMs)} ms (spawn → /api/health), RSS ${cell(r.server.rssMiBAfterStart)} MiB after start, ${cell(r.server.rssMiBAfterLoad)} MiB after the load, ${cell(r.server.rssMiBAfterRest)} MiB after ${cell(r.server.restSeconds)} s of rest.`,
    r.web ? `Web: initial JS ${round(r.web.initialJsGzipBytes / 1024)} KiB gzipped (budget ${round(r.web.budgetJsGzipBytes / 1024)} KiB): ${r.web.withinBudget ? 'within' : '**over**'}.` : 'Web: not measured (no build).',
    '',
    '## Slowest statements',
    '',
  );
  for (const [name, p] of Object.entries(r.paths)) {
    if (p.driver?.slowest) lines.push(`- ${name} (${p.driver.slowest.p50} ms): \`${p.driver.slowest.sql.replace(/`/g, "'")}\``);
  }
  if (r.notes.length) lines.push('', '## Notes', '', ...r.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}
