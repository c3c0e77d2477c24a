// The hot paths the benchmark loads, with their targets and a plausibility check of a response.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../server/src/db/schema.ts';
import { BENCH_ADMIN } from './seed.ts';

/** What the paths need to know about the benchmark workspace (read before the server starts). */
export interface BenchContext {
  workspaceId: string;
  adminId: string;
  userIds: string[];
  /** Partners with the long timeline (newest first). */
  busyPartnerIds: string[];
  /** Partners the update path edits, with their current versions (oldest first). */
  updatable: { id: string; version: number }[];
  pipelineId: string | null;
  counts: { partners: number; contacts: number; events: number; tasks: number; opportunities: number; openOpportunities: number; contracts: number; timeline: number };
}

export async function loadContext(db: Kysely<DB>, email: string = BENCH_ADMIN.email): Promise<BenchContext | null> {
  const admin = await db.selectFrom('users').select(['id', 'workspaceId']).where('email', '=', email).executeTakeFirst();
  if (!admin) return null;
  const ws = admin.workspaceId;
  const users = await db.selectFrom('users').select('id').where('workspaceId', '=', ws).orderBy('id').execute();
  const { rows: counts } = await sql<BenchContext['counts']>`select
    (select count(*) from partner where workspace_id = ${ws} and deleted_at is null)::int as partners,
    (select count(*) from contact where workspace_id = ${ws} and deleted_at is null)::int as contacts,
    (select count(*) from event where workspace_id = ${ws} and deleted_at is null)::int as events,
    (select count(*) from task where workspace_id = ${ws} and deleted_at is null)::int as tasks,
    (select count(*) from opportunity where workspace_id = ${ws} and deleted_at is null)::int as opportunities,
    (select count(*) from opportunity o join pipeline_stage s on s.id = o.stage_id where o.workspace_id = ${ws} and o.deleted_at is null and s.outcome = 'open')::int as "openOpportunities",
    (select count(*) from contract where workspace_id = ${ws} and deleted_at is null)::int as contracts,
    (select count(*) from partner_timeline where workspace_id = ${ws})::int as timeline`.execute(db.withoutPlugins());
  // the partners with the most timeline entries (the seed gives 1 % of them 100)
  const { rows: busy } = await sql<{ id: string }>`select partner_id::text as id from partner_timeline where workspace_id = ${ws}
    group by partner_id order by count(*) desc, partner_id limit ${Math.max(1, Math.floor(counts[0]!.partners / 100))}`.execute(db);
  const updatable = await db.selectFrom('partner').select(['id', 'version']).where('workspaceId', '=', ws).where('deletedAt', 'is', null).orderBy('updatedAt').limit(5000).execute();
  const pipeline = await db.selectFrom('pipeline').select('id').where('workspaceId', '=', ws).where('isDefault', '=', true).where('deletedAt', 'is', null).executeTakeFirst();
  return { workspaceId: ws, adminId: admin.id, userIds: users.map((u) => u.id), busyPartnerIds: busy.map((b) => b.id), updatable, pipelineId: pipeline?.id ?? null, counts: counts[0]! };
}

type Body = Record<string, unknown> & { data?: unknown[] };

export interface PathSpec {
  name: string;
  title: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: (i: number) => string;
  body?: (i: number) => Record<string, unknown>;
  /** Target for p95 at one connection, milliseconds. */
  targetP95Ms?: number;
  /** Compared with the same SQL through the bare driver. */
  driver?: boolean;
  /** Built by another module that may not exist yet: a 404 means "not available". */
  optional?: boolean;
  /** Why the first response is not plausible, or null. */
  check: (body: Body) => string | null;
  /** Sees every response body (the update path keeps versions). */
  onResponse?: (status: number, body: string) => void;
}

const CITIES = ['București', 'Cluj-Napoca', 'Iași', 'Kraków', 'Łódź', 'Budapest', 'Győr', 'Київ', 'Львів', 'Timișoara'];
const API = '/api/v1';
const q = (value: unknown) => encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const need = (ok: boolean, message: string) => (ok ? null : message);
const rows = (b: Body) => (Array.isArray(b.data) ? (b.data as Record<string, unknown>[]) : []);

/** Monday 00:00 UTC of the current week, plus `weeks`. */
function monday(weeks = 0): Date {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + weeks * 7);
  return d;
}

export function hotPaths(ctx: BenchContext, runId: string): PathSpec[] {
  const P = ctx.counts.partners;
  const listFilter = (i: number) => ({ and: [{ field: 'status', op: 'eq', value: 'customer' }, { field: 'city', op: 'eq', value: CITIES[i % CITIES.length] }] });
  const allCustomers = (b: Body) => need(rows(b).length > 0 && rows(b).every((r) => r.status === 'customer'), 'expected a page of customers');
  // "Zakład Łódzki <n>" exists for n ≡ 1 (mod 8)
  const lodz = (i: number) => 1 + 8 * ((i * 37) % Math.max(1, Math.floor((P - 1) / 8) + 1));
  const busy = (i: number) => ctx.busyPartnerIds[(i * 7) % ctx.busyPartnerIds.length]!;
  const versions = new Map(ctx.updatable.map((u) => [u.id, u.version]));
  const searches = ['zaklad lodzki', 'shevchenko', 'kovacs', 'wisla handel', 'carpati construct', 'Дніпро'];
  const users = ctx.userIds;
  return [
    {
      name: 'partnerList',
      title: 'partner list: status + city, sort by name',
      method: 'GET',
      url: (i) => `${API}/partners?filter=${q(listFilter(i))}&sort=name&limit=50`,
      targetP95Ms: 30,
      driver: true,
      check: allCustomers,
    },
    {
      name: 'partnerListByUpdated',
      title: 'partner list: status + city, sort by -updatedAt',
      method: 'GET',
      url: (i) => `${API}/partners?filter=${q(listFilter(i))}&sort=-updatedAt&limit=50`,
      targetP95Ms: 30,
      driver: true,
      check: allCustomers,
    },
    {
      name: 'partnerQuickSearch',
      title: 'partner list quick search "zaklad lodzki <n>"',
      method: 'GET',
      url: (i) => `${API}/partners?q=${q(`zaklad lodzki ${lodz(i)}`)}&limit=50`,
      driver: true,
      check: (b) => need(rows(b).some((r) => String(r.name).startsWith('Zakład Łódzki')), 'expected "Zakład Łódzki …" among the hits'),
    },
    {
      name: 'globalSearch',
      title: 'global search (partners, contacts, …)',
      method: 'GET',
      url: (i) => `${API}/search?q=${q(i % 2 ? searches[i % searches.length]! : `zaklad lodzki ${lodz(i)}`)}&limit=20`,
      driver: true,
      check: (b) => need(rows(b).length > 0, 'expected hits'),
    },
    {
      name: 'partnerCard',
      title: 'partner card',
      method: 'GET',
      url: (i) => `${API}/partners/${busy(i)}`,
      targetP95Ms: 30,
      driver: true,
      check: (b) => need(typeof b.id === 'string' && typeof b.name === 'string', 'expected a partner'),
    },
    {
      name: 'partnerTimeline',
      title: 'partner timeline: latest 50 entries',
      method: 'GET',
      url: (i) => `${API}/partners/${busy(i)}/timeline?limit=50`,
      targetP95Ms: 30,
      driver: true,
      check: (b) => need(rows(b).length > 0, 'expected timeline entries'),
    },
    {
      name: 'createPartner',
      title: 'create partner',
      method: 'POST',
      url: () => `${API}/partners`,
      body: (i) => ({ name: `Bench Nou ${runId} ${i}`, kind: 'company', status: 'prospect', country: 'RO', city: CITIES[i % CITIES.length] }),
      check: (b) => need(typeof b.id === 'string' && b.version === 1, 'expected the new partner'),
    },
    {
      name: 'updatePartner',
      title: 'update partner (with version)',
      method: 'PATCH',
      url: (i) => `${API}/partners/${ctx.updatable[i % ctx.updatable.length]!.id}`,
      body: (i) => {
        const id = ctx.updatable[i % ctx.updatable.length]!.id;
        return { version: versions.get(id) ?? 1, phone: `+40 722 ${String(100000 + (i % 900000)).slice(0, 3)} ${String(i % 1000).padStart(3, '0')}` };
      },
      check: (b) => need(typeof b.version === 'number' && b.version > 1, 'expected a new version'),
      onResponse: (status, body) => {
        if (status !== 200) return;
        const row = JSON.parse(body) as { id: string; version: number };
        versions.set(row.id, row.version);
      },
    },
    {
      name: 'kanban',
      title: 'opportunities kanban, first screen (board)',
      method: 'GET',
      url: () => `${API}/pipelines/${ctx.pipelineId}/board`,
      targetP95Ms: 50,
      driver: true,
      check: (b) => {
        // every open opportunity, and of the won and lost those closed lately (the board's window)
        const columns = rows(b) as { count: number; outcome: string; items: unknown[] }[];
        const open = columns.filter((c) => c.outcome === 'open').reduce((n, c) => n + Number(c.count), 0);
        const total = columns.reduce((n, c) => n + Number(c.count), 0);
        return need(
          columns.length >= 3 && open === ctx.counts.openOpportunities && total <= ctx.counts.opportunities && columns.some((c) => c.items.length > 0),
          `expected ${ctx.counts.openOpportunities} open opportunities on the board, got ${open} (of ${total})`,
        );
      },
    },
    {
      name: 'forecast',
      title: 'sales forecast by month and salesperson (a year back, a year ahead)',
      method: 'GET',
      url: () => `${API}/sales/forecast?from=${day(-365)}&to=${day(365)}&unit=month`,
      targetP95Ms: 300,
      driver: true,
      check: (b) => need(Array.isArray(b.rows) && (b.rows as unknown[]).length > 0 && Number(b.won) + Number(b.lost) > 0, 'expected forecast rows and closed opportunities'),
    },
    {
      name: 'tasksForMe',
      title: 'tasks for me: unfinished, by deadline',
      method: 'GET',
      url: () => `${API}/tasks/for-me?filter=${q({ field: 'status', op: 'in', value: ['open', 'in_progress', 'overdue'] })}&sort=dueAt&limit=50`,
      targetP95Ms: 30,
      driver: true,
      check: (b) => need(rows(b).length > 0 && rows(b).every((r) => r.assigneeId === ctx.adminId && r.status !== 'done'), 'expected my unfinished tasks'),
    },
    {
      name: 'calendarWeek',
      title: "a colleague's week in the calendar",
      method: 'GET',
      url: (i) => `${API}/calendar?from=${q(monday().toISOString())}&to=${q(monday(1).toISOString())}&users=${users[i % users.length]}`,
      driver: true,
      optional: true,
      check: (b) => need(Array.isArray(b.items), 'expected calendar items'),
    },
  ];
}
