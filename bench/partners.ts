// Partners benchmark (issue 4): list with filter and sort, partner card with its latest 50 timeline
// entries, and the import, on a workspace with N partners and 3N contacts. Run: npm run bench:partners
// [-- --partners 100000 --import-rows 20000 --db postgres|pglite]. Results: bench/results/partners-<db>.json
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    partners: { type: 'string', default: '100000' },
    'import-rows': { type: 'string', default: '20000' },
    iterations: { type: 'string', default: '300' },
    db: { type: 'string', default: 'postgres' },
  },
});
const PARTNERS = Number(values.partners);
const IMPORT_ROWS = Number(values['import-rows']);
const ITERATIONS = Number(values.iterations);
const kind = values.db === 'pglite' ? 'pglite' : 'postgres';
if (kind === 'postgres') {
  process.env.KONTAKT_TEST_DB = 'postgres';
  process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

const { createTestApp } = await import('../server/src/test/app.ts');
const { setupWorkspace } = await import('../server/src/test/auth.ts');
const { multipartFile } = await import('../server/src/test/files.ts');
const { sql } = await import('kysely');
const { busyPartnerIds, seedBulk } = await import('./lib/seed.ts');

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
};
const stats = (samples: number[]) => ({ n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) });
const time = async (fn: () => Promise<unknown>) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

const t = await createTestApp();
const admin = await setupWorkspace(t, { workspaceName: 'Bench SRL', locale: 'ro' });
const ws = admin.workspaceId;
const db = t.ctx.db;
console.log(`database: ${kind}; seeding ${PARTNERS} partners, ${PARTNERS * 3} contacts …`);

// bulk SQL, not the API (bench/lib/seed.ts): realistic names of the four countries, cities, statuses, owners, tags
const seeded = await seedBulk(db, ws, admin.userId, { partners: PARTNERS, contacts: PARTNERS * 3, activities: 0, opportunities: 0, users: 1 }, console.log);
const seedSeconds = seeded.seconds;
console.log(`seeded in ${seedSeconds} s (${seeded.rowsPerSecond} rows/s)`);

const call = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: admin.headers });
const cities = ['București', 'Cluj-Napoca', 'Iași', 'Kraków', 'Łódź', 'Budapest', 'Győr', 'Київ', 'Львів', 'Timișoara'];
const filterFor = (i: number) =>
  encodeURIComponent(JSON.stringify({ and: [{ field: 'status', op: 'eq', value: 'customer' }, { field: 'city', op: 'eq', value: cities[i % cities.length] }] }));

async function measure(name: string, url: (i: number) => string, check: (body: { data: unknown[] }) => void) {
  for (let i = 0; i < 20; i++) await call(url(i)); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    let body: { data: unknown[] } = { data: [] };
    samples.push(
      await time(async () => {
        const res = await call(url(i));
        if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
        body = res.json();
      }),
    );
    check(body);
  }
  const s = stats(samples);
  console.log(`${name.padEnd(44)} p50 ${s.p50} ms  p95 ${s.p95} ms  p99 ${s.p99} ms`);
  return s;
}

const nonEmpty = (b: { data: unknown[] }) => {
  if (!b.data.length) throw new Error('empty page');
};
const listByName = await measure('list: status + city, sort by name', (i) => `/partners?filter=${filterFor(i)}&sort=name&limit=50`, nonEmpty);
const listByUpdated = await measure('list: status + city, sort by -updatedAt', (i) => `/partners?filter=${filterFor(i)}&sort=-updatedAt&limit=50`, nonEmpty);
const quickSearch = await measure('list: quick search "zaklad lodzki 1234"', (i) => `/partners?q=${encodeURIComponent(`zaklad lodzki ${1 + (i % 8) * 8}`)}&limit=50`, () => {});

// the same list query straight through the driver: our cost over the database's
const direct: number[] = [];
for (let i = 0; i < ITERATIONS; i++) {
  direct.push(
    await time(() =>
      sql`select id, name, status, city, country, tax_id, email, updated_at, version from partner
        where workspace_id = ${ws}::uuid and deleted_at is null and status = 'customer' and city = ${cities[i % cities.length]}
        order by name, id limit 51`.execute(db),
    ),
  );
}
const directList = stats(direct);
console.log(`${'same list through the driver'.padEnd(44)} p50 ${directList.p50} ms  p95 ${directList.p95} ms`);

const busy = await busyPartnerIds(db, ws, PARTNERS);
const cardSamples: number[] = [];
for (let i = 0; i < 20; i++) await Promise.all([call(`/partners/${busy[i % busy.length]}`), call(`/partners/${busy[i % busy.length]}/timeline?limit=50`)]);
for (let i = 0; i < ITERATIONS; i++) {
  const id = busy[(i * 7) % busy.length]!;
  cardSamples.push(
    await time(async () => {
      const [card, timeline] = await Promise.all([call(`/partners/${id}`), call(`/partners/${id}/timeline?limit=50`)]);
      if (card.statusCode !== 200 || timeline.json().data.length !== 50) throw new Error('card or timeline failed');
    }),
  );
}
const card = stats(cardSamples);
console.log(`${'partner card + latest 50 timeline entries'.padEnd(44)} p50 ${card.p50} ms  p95 ${card.p95} ms  p99 ${card.p99} ms`);

// import: a file of IMPORT_ROWS partners (RO/PL/HU/UA names, some wrong tax IDs, some duplicates of existing partners)
function cui(base: number): string {
  const digits = String(base).padStart(9, '0').split('').map(Number);
  const sum = digits.reduce((s, d, i) => s + d * [7, 5, 3, 2, 1, 7, 5, 3, 2][i]!, 0);
  return `${base}${((sum * 10) % 11) % 10}`;
}
const lines = ['Denumire;Țara;Oraș;CUI;E-mail;Stare'];
for (let i = 1; i <= IMPORT_ROWS; i++) {
  const name = i % 50 === 0 ? `Brânzeturi Ardelene ${i}` : `${['Import Nou', 'Nowy Import', 'Új Import', 'Новий Імпорт'][i % 4]} ${i}`;
  const tax = i % 4 === 0 ? (i % 97 === 0 ? `RO${10_000_000 + i}9` : `RO${cui(10_000_000 + i)}`) : '';
  lines.push([name, ['RO', 'PL', 'HU', 'UA'][i % 4], cities[i % cities.length], i % 50 === 0 ? '' : tax, i % 50 === 0 ? `office${i}@firma${i}.example` : `import${i}@nou.example`, 'prospect'].join(';'));
}
const file = multipartFile('bench.csv', Buffer.from(lines.join('\n')));
const uploaded = await t.app.inject({ method: 'POST', url: '/api/v1/imports?entity=partner', payload: file.payload, headers: { ...admin.headers, ...file.headers } });
const analysis = uploaded.json();
const importStart = performance.now();
await t.app.inject({ method: 'POST', url: `/api/v1/imports/${analysis.id}/run`, headers: admin.headers, payload: { mapping: analysis.suggested } });
await t.ctx.worker.drain(100_000);
const importSeconds = (performance.now() - importStart) / 1000;
const result = (await call(`/imports/${analysis.id}`)).json();
const rowsPerSecond = Math.round(IMPORT_ROWS / importSeconds);
console.log(`import of ${IMPORT_ROWS} rows: ${importSeconds.toFixed(1)} s = ${rowsPerSecond} rows/s (created ${result.createdCount}, duplicates ${result.duplicateCount}, rejected ${result.rejectedCount})`);

const targets = { listP95Ms: 30, cardP95Ms: 30, importRowsPerSecond: 2000 };
const out = {
  date: new Date().toISOString(),
  database: kind,
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  data: { partners: PARTNERS, contacts: PARTNERS * 3, seedSeconds },
  list: { byName: listByName, byUpdated: listByUpdated, quickSearch, directDriver: directList, ratioToDriverP50: Math.round((listByName.p50 / directList.p50) * 10) / 10 },
  card,
  import: { rows: IMPORT_ROWS, seconds: Math.round(importSeconds * 10) / 10, rowsPerSecond, created: result.createdCount, duplicates: result.duplicateCount, rejected: result.rejectedCount },
  targets,
  pass: {
    list: Math.max(listByName.p95, listByUpdated.p95) <= targets.listP95Ms,
    card: card.p95 <= targets.cardP95Ms,
    import: rowsPerSecond >= targets.importRowsPerSecond,
  },
  note: 'in-process HTTP (app.inject): no network; the driver line is the same list query without the API',
};
const target = join(import.meta.dirname, 'results', `partners-${kind}.json`);
writeFileSync(target, `${JSON.stringify(out, null, 2)}\n`);
console.log(`written ${target}`);
await t.close();
