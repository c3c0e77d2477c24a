// EXPLAIN ANALYZE of the statements a hot path runs (after the five of authentication), on the
// benchmark database: where a slow path spends its time. Run:
//   node bench/explain.ts [--db postgres|pglite] [--database-url URL] [--min-ms 5] kanban forecast …
import { parseArgs } from 'node:util';
import { benchLocation, open } from './lib/database.ts';
import { inProcessApp } from './lib/driver.ts';
import { hotPaths, loadContext } from './lib/paths.ts';
import { BENCH_ADMIN } from './lib/seed.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { db: { type: 'string', default: 'postgres' }, 'database-url': { type: 'string' }, 'data-dir': { type: 'string' }, 'min-ms': { type: 'string', default: '5' } },
});
const location = benchLocation(values.db === 'pglite' ? 'pglite' : 'postgres', values['database-url'], values['data-dir']);
const database = await open(location);
const context = await loadContext(database.db);
if (!context) throw new Error('no benchmark workspace here: npm run bench:data first');
const specs = hotPaths(context, 'explain');
const app = await inProcessApp(database, location.dataDir);
try {
  const res = await app.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: BENCH_ADMIN.email, password: BENCH_ADMIN.password } });
  const cookie = [res.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
  for (const name of positionals) {
    const spec = specs.find((s) => s.name === name && s.method === 'GET');
    if (!spec) throw new Error(`no GET path "${name}": ${specs.map((s) => s.name).join(', ')}`);
    const { statements } = await app.capture(spec.url(1), { cookie });
    for (const s of statements.slice(5)) {
      if (/^(begin|commit|rollback|select set_config)/i.test(s.sql.trim())) continue;
      const t0 = performance.now();
      const explain = `explain (analyze, buffers off) ${s.sql}`;
      const plan = database.kind === 'postgres' ? await database.pool!.query(explain, s.parameters as unknown[]) : await database.pglite!.query(explain, s.parameters as unknown[]);
      const ms = performance.now() - t0;
      if (ms < Number(values['min-ms'])) continue;
      console.log(`--- ${name}: ${ms.toFixed(1)} ms\n${s.sql.replace(/\s+/g, ' ').trim()}\n${JSON.stringify(s.parameters)}`);
      console.log((plan.rows as Record<string, string>[]).map((row) => row['QUERY PLAN']).join('\n'));
    }
  }
} finally {
  await app.close();
  await database.close();
}
