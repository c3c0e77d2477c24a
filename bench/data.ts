// Loads a benchmark workspace fast with bulk SQL (not the API). Run:
//   npm run bench:data -- --partners 100000 --contacts 300000 --activities 1000000 [--opportunities 200000]
//     [--db postgres|pglite] [--database-url postgres://…] [--data-dir data/bench] [--drop]
// The database (kontakt_bench beside BENCH_DATABASE_URL, or data/bench/pglite) is made anew; `--drop`
// only removes it. `npm run bench` then measures it (and leaves it in place).
import { parseArgs } from 'node:util';
import { benchLocation, drop, exists, open } from './lib/database.ts';
import { createBenchWorkspace, seedBulk } from './lib/seed.ts';

const { values } = parseArgs({
  options: {
    partners: { type: 'string', default: '100000' },
    contacts: { type: 'string' },
    activities: { type: 'string', default: '1000000' },
    opportunities: { type: 'string', default: '200000' },
    users: { type: 'string', default: '50' },
    db: { type: 'string', default: 'postgres' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    drop: { type: 'boolean', default: false },
  },
});
const kind = values.db === 'pglite' ? 'pglite' : 'postgres';
const location = benchLocation(kind, values['database-url'], values['data-dir']);
const where = location.kind === 'pglite' ? location.dataDir : location.url;

if (values.drop) {
  await drop(location);
  console.log(`dropped ${where}`);
  process.exit(0);
}
if (location.owned && (await exists(location))) {
  console.log(`replacing ${where}`);
  await drop(location);
}
const sizes = {
  partners: Number(values.partners),
  contacts: Number(values.contacts ?? Number(values.partners) * 3),
  activities: Number(values.activities),
  opportunities: Number(values.opportunities),
  users: Number(values.users),
};
console.log(`database: ${kind} (${where}); seeding ${JSON.stringify(sizes)}`);
const database = await open(location);
try {
  const { workspaceId, userId } = await createBenchWorkspace(database.db);
  const result = await seedBulk(database.db, workspaceId, userId, sizes, console.log);
  console.log(`${result.rows} rows in ${result.seconds} s = ${result.rowsPerSecond} rows/s (workspace ${workspaceId})`);
} finally {
  await database.close();
}
