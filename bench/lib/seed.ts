// Bulk seeding of a benchmark workspace with plain SQL (generate_series / INSERT … SELECT), not the
// API: the same statements on PGlite and PostgreSQL. Record ids are derived from the row number
// (md5 of workspace + kind + n, shaped as a version-4 UUID), so links between tables need no lookups. Used by bench:data, bench
// (when the database is empty), bench:partners and the smoke test.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../server/src/db/schema.ts';
import { ensureDefaultPipeline } from '../../server/src/modules/sales/pipeline.service.ts';
import { createWorkspace } from '../../server/src/platform/auth/workspace-setup.ts';

/** The administrator the benchmark signs in as (one per benchmark database). */
export const BENCH_ADMIN = { email: 'bench.admin@bench.kontakt.example', password: 'bench-password-2026', name: 'Bench Admin' } as const;

export interface SeedSizes {
  partners: number;
  contacts: number;
  /** Events and tasks together: 60 % events, 40 % tasks. */
  activities: number;
  /** A quarter open (on the default pipeline, for the kanban), the rest won or lost (for the forecast). */
  opportunities: number;
  /** Colleagues, the administrator included (default 50). */
  users?: number;
}

export interface SeedStep {
  name: string;
  rows: number;
  seconds: number;
}

export interface SeedResult {
  workspaceId: string;
  adminId: string;
  userIds: string[];
  pipelineId: string | null;
  steps: SeedStep[];
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

/** The id of the n-th record of a kind in a workspace (1-based), the same in every statement. */
export const benchId = (workspaceId: string, kind: string, n: RawBuilder<unknown> | number) =>
  sql<string>`overlay(overlay(md5(${workspaceId}::text || ${`:${kind}:`}::text || (${n})::text) placing '4' from 13) placing '8' from 17)::uuid`;

const CHUNK = 100_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** A new workspace (Romanian, RON) with the benchmark administrator. */
export async function createBenchWorkspace(db: Kysely<DB>, options: { email?: string; name?: string } = {}) {
  return createWorkspace(db, {
    workspaceName: options.name ?? 'Bench SRL',
    name: BENCH_ADMIN.name,
    email: options.email ?? BENCH_ADMIN.email,
    password: BENCH_ADMIN.password,
    locale: 'ro',
    currency: 'RON',
  });
}

type Log = (line: string) => void;

/**
 * Fills a workspace: org units and colleagues, partners with RO/PL/HU/UA names, contacts linked to
 * them, partner timelines (100 entries on 1 % of the partners, 3 on the others), events and tasks
 * over ~2 years (21 months back, 3 ahead) across the colleagues, opportunities, contracts, the
 * search documents of partners and contacts, then ANALYZE.
 */
export async function seedBulk(db: Kysely<DB>, workspaceId: string, adminId: string, sizes: SeedSizes, log: Log = () => {}): Promise<SeedResult> {
  const ws = workspaceId;
  const P = Math.max(0, Math.floor(sizes.partners));
  const C = Math.max(0, Math.floor(sizes.contacts));
  const E = Math.round(sizes.activities * 0.6);
  const T = Math.max(0, Math.floor(sizes.activities) - E);
  const O = Math.max(0, Math.floor(sizes.opportunities));
  const U = Math.max(1, sizes.users ?? 50);
  const steps: SeedStep[] = [];
  const started = performance.now();
  const step = async (name: string, total: number, run: (from: number, to: number) => Promise<unknown>, rows = total) => {
    const t0 = performance.now();
    for (let from = 1; from <= total; from += CHUNK) await run(from, Math.min(total, from + CHUNK - 1));
    const seconds = (performance.now() - t0) / 1000;
    steps.push({ name, rows, seconds: round1(seconds) });
    log(`  ${name.padEnd(18)} ${String(rows).padStart(9)} rows  ${seconds.toFixed(1).padStart(6)} s  ${Math.round(rows / Math.max(seconds, 0.001))} rows/s`);
  };

  // org units: one sales unit per country under the workspace's root unit
  const root = await db.selectFrom('users').select('orgUnitId').where('id', '=', adminId).executeTakeFirstOrThrow();
  const rootPath = (await db.selectFrom('orgUnit').select('path').where('id', '=', root.orgUnitId!).executeTakeFirstOrThrow()).path;
  await step('org units', 4, () =>
    sql`insert into org_unit (id, workspace_id, parent_id, name, code, path, created_by, updated_by)
      select u.id, ${ws}::uuid, ${root.orgUnitId}::uuid, u.name, u.code, ${rootPath}::text || u.id::text || '/', ${adminId}::uuid, ${adminId}::uuid
      from (select ${benchId(ws, 'unit', sql`i`)} as id, (array['Vânzări România','Sprzedaż Polska','Értékesítés Magyarország','Продажі Україна'])[i] as name,
        'SALES-' || (array['RO','PL','HU','UA'])[i] as code from generate_series(1, 4) as i) u`.execute(db),
  );
  const units = [1, 2, 3, 4].map((i) => benchId(ws, 'unit', i));
  await step('users', U - 1, () =>
    sql`insert into users (id, workspace_id, name, email, locale, org_unit_id, position, created_by, updated_by)
      select ${benchId(ws, 'user', sql`i`)}, ${ws}::uuid,
        (array['Andrei','Katarzyna','Gábor','Олена','Ioana','Piotr','Zsófia','Тарас'])[1 + i % 8] || ' ' ||
          (array['Popescu','Nowak','Kovács','Шевченко','Ionescu','Wiśniewska','Nagy','Мельник'])[1 + (i / 8) % 8],
        'bench.user' || i || '.' || left(${ws}::text, 8) || '@bench.kontakt.example',
        (array['ro','pl','hu','uk'])[1 + i % 4],
        (array[${sql.join(units)}])[1 + i % 4], 'Account manager', ${adminId}::uuid, ${adminId}::uuid
      from generate_series(1, ${U - 1}) as i`.execute(db),
  );
  const users = await db.selectFrom('users').select(['id', 'orgUnitId']).where('workspaceId', '=', ws).orderBy('id').execute();
  const userIds = users.map((u) => u.id);
  const userUnits = users.map((u) => u.orgUnitId);
  const nU = userIds.length;
  const user = (n: RawBuilder<unknown>) => sql`(${userIds}::uuid[])[1 + (${n}) % ${nU}]`;
  const unitOf = (n: RawBuilder<unknown>) => sql`(${userUnits}::uuid[])[1 + (${n}) % ${nU}]`;

  // a large load goes faster without the secondary indexes of the big tables: dropped, then built once
  const big = P + C + E + T + O > 100_000;
  const indexes = big ? await dropIndexes(db, BULK_TABLES) : [];
  let pipelineId: string | null = null;
  try {
    await step('partners', P, (from, to) =>
      sql`insert into partner (id, workspace_id, name, kind, status, country, city, tax_id, email, tags, owner_id, org_unit_id, created_by, updated_by, created_at, updated_at)
        select ${benchId(ws, 'p', sql`i`)}, ${ws}::uuid,
          (array['Brânzeturi Ardelene','Zakład Łódzki','Őrség Kereskedelmi','ТОВ Київська Зоря','Carpați Construct','Wisła Handel','Duna Logisztika','Дніпро Агро'])[1 + i % 8] || ' ' || i,
          case when i % 10 = 0 then 'person' else 'company' end,
          (array['lead','prospect','customer','customer','inactive'])[1 + i % 5],
          (array['RO','PL','HU','UA'])[1 + i % 4],
          (array['București','Cluj-Napoca','Iași','Kraków','Łódź','Budapest','Győr','Київ','Львів','Timișoara'])[1 + (i / 7) % 10],
          case when i % 4 = 1 then 'PL' || (5000000000 + i) when i % 4 = 0 then 'RO' || (10000000 + i) end,
          'office' || i || '@firma' || i || '.example',
          case when i % 3 = 0 then array['vip'] else '{}'::text[] end,
          ${user(sql`i`)}, ${unitOf(sql`i`)}, ${adminId}::uuid, ${adminId}::uuid,
          now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval
        from generate_series(${from}::int, ${to}::int) as i`.execute(db),
    );
    await step('contacts', C, (from, to) =>
      sql`insert into contact (id, workspace_id, first_name, last_name, email, position, owner_id, created_by, updated_by)
        select ${benchId(ws, 'c', sql`i`)}, ${ws}::uuid,
          (array['Ioana','Piotr','Zsófia','Олена','Andrei','Katarzyna','Gábor','Тарас'])[1 + i % 8],
          (array['Popescu','Nowak','Kovács','Шевченко','Ionescu','Wiśniewska','Nagy','Мельник'])[1 + (i / 8) % 8] || ' ' || i,
          'c' || i || '@mail.example', (array['Director general','Kierownik zakupów','Értékesítési vezető','Бухгалтер'])[1 + i % 4],
          ${user(sql`i`)}, ${adminId}::uuid, ${adminId}::uuid
        from generate_series(${from}::int, ${to}::int) as i`.execute(db),
    );
    if (P > 0) {
      await step('partner contacts', C, (from, to) =>
        sql`insert into partner_contact (workspace_id, partner_id, contact_id, role, is_primary)
          select ${ws}::uuid, ${benchId(ws, 'p', sql`1 + (i - 1) % ${P}`)}, ${benchId(ws, 'c', sql`i`)}, 'contact', i <= ${P}
          from generate_series(${from}::int, ${to}::int) as i`.execute(db),
      );
      const busy = busyPartnerCount(P);
      const timelineRows = busy * 100 + (P - busy) * 3;
      await step('timeline', P, (from, to) =>
        sql`insert into partner_timeline (workspace_id, partner_id, event_id, at, type, entity, record_id, actor_id, payload)
          select ${ws}::uuid, ${benchId(ws, 'p', sql`k`)}, k::bigint * 1000 + g, now() - (g || ' hours')::interval, 'event.created', 'event',
            ${benchId(ws, 'tl', sql`k * 1000 + g`)}, ${adminId}::uuid, '{}'::jsonb
          from generate_series(${from}::int, ${to}::int) as k
          cross join lateral generate_series(1, case when k <= ${busy} then 100 else 3 end) as g`.execute(db),
        timelineRows,
      );
    }
    // events: block m of nU rows gives every colleague one event on day m % 730 (of 730 from 640 days ago)
    const partnerOf = (n: RawBuilder<unknown>) => (P > 0 ? benchId(ws, 'p', sql`1 + (${n}) % ${P}`) : sql`null::uuid`);
    await step('events', E, (from, to) =>
      sql`insert into event (id, workspace_id, kind, subject, starts_at, ends_at, minutes_spent, partner_id, owner_id, is_private, created_by, updated_by, created_at, updated_at)
        select ${benchId(ws, 'e', sql`i`)}, ${ws}::uuid, (array['call','meeting','visit','email','letter','note'])[1 + i % 6],
          (array['Telefon','Întâlnire','Spotkanie','Találkozó','Дзвінок','Vizită'])[1 + i % 6] || ' ' || i,
          s.at, s.at + interval '45 minutes', 15 + i % 4 * 15, ${partnerOf(sql`i`)}, ${user(sql`i`)}, i % 20 = 0,
          ${user(sql`i`)}, ${user(sql`i`)}, least(s.at, now()), least(s.at, now())
        from generate_series(${from}::int, ${to}::int) as i,
          lateral (select date_trunc('day', now()) - interval '640 days' + ((i / ${nU}) % 730) * interval '1 day'
            + (8 + (i / ${nU * 730}) % 10) * interval '1 hour' + (i % 4) * interval '15 minutes' as at) s`.execute(db),
    );
    await step('tasks', T, (from, to) =>
      sql`insert into task (id, workspace_id, type, title, partner_id, starts_at, due_at, completed_at, priority, assignee_id, status, created_by, updated_by, created_at, updated_at)
        select id, ${ws}::uuid, type, title, partner_id, due - interval '2 days', due, completed, priority, assignee,
          kontakt_task_status(completed, due - interval '2 days', due, now()), creator, creator, least(due, now()) - interval '3 days', least(due, now())
        from (select ${benchId(ws, 't', sql`i`)} as id, (array['call','meeting','offer','follow_up','other'])[1 + i % 5] as type,
            (array['Sună clientul','Wyślij ofertę','Ajánlat küldése','Зателефонувати','Follow-up'])[1 + i % 5] || ' ' || i as title,
            ${partnerOf(sql`i * 7`)} as partner_id, d.due,
            case when d.due < now() - interval '3 days' and i % 10 <> 0 then d.due - interval '1 hour' end as completed,
            (array['low','normal','normal','high'])[1 + i % 4] as priority, ${user(sql`i`)} as assignee, ${user(sql`i / ${nU}`)} as creator
          from generate_series(${from}::int, ${to}::int) as i,
            lateral (select date_trunc('day', now()) - interval '640 days' + ((i / ${nU}) % 730) * interval '1 day' + interval '16 hours' as due) d) t`.execute(db),
    );

    // reminders of the unfinished future tasks, a day before the deadline, and 1 % of them already due
    // (the backlog the first reminder scan fires) — when the reminders module is there
    const hasReminders = (await sql<{ ok: boolean }>`select to_regclass('reminder') is not null as ok`.execute(db)).rows[0]?.ok;
    if (hasReminders && T > 0) {
      try {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from task where workspace_id = ${ws}::uuid and status <> 'done' and due_at > now()`.execute(db);
        const due = Math.ceil((rows[0]?.n ?? 0) / 100);
        await step(
          'reminders',
          1,
          () =>
            sql`insert into reminder (id, workspace_id, kind, user_id, task_id, offset_minutes, remind_at)
              select ${benchId(ws, 'r', sql`t.rn`)}, ${ws}::uuid, 'task', t.assignee_id, t.id, 1440,
                case when t.rn <= ${due} then now() - t.rn * interval '1 second' else t.due_at - interval '1 day' end
              from (select id, assignee_id, due_at, row_number() over (order by due_at, id) as rn from task
                where workspace_id = ${ws}::uuid and status <> 'done' and due_at > now()) t`.execute(db),
          rows[0]?.n ?? 0,
        );
      } catch (error) {
        log(`  reminders skipped: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (O > 0) {
      pipelineId = await ensureDefaultPipeline(db, ws, adminId);
      const stages = await db.selectFrom('pipelineStage').select(['id', 'outcome']).where('pipelineId', '=', pipelineId).where('deletedAt', 'is', null).orderBy('position').execute();
      const open = stages.filter((s) => s.outcome === 'open').map((s) => s.id);
      const won = stages.find((s) => s.outcome === 'won')!.id;
      const lost = stages.find((s) => s.outcome === 'lost')!.id;
      const openCount = Math.round(O / 4);
      // every fifth in EUR, so the forecast converts through a rate
      await sql`insert into exchange_rate (workspace_id, currency, valid_from, rate, updated_by) values (${ws}::uuid, 'EUR', date '2020-01-01', 4.97, ${adminId}::uuid)
        on conflict do nothing`.execute(db);
      await step('opportunities', O, (from, to) =>
        sql`insert into opportunity (id, workspace_id, name, pipeline_id, stage_id, partner_id, amount, currency, expected_close, source,
            stage_entered_at, closed_at, owner_id, org_unit_id, created_by, updated_by, created_at, updated_at)
          select ${benchId(ws, 'o', sql`i`)}, ${ws}::uuid, (array['Livrare','Dostawa','Szállítás','Поставка'])[1 + i % 4] || ' ' || i, ${pipelineId}::uuid,
            case when i <= ${openCount} then (${open}::uuid[])[1 + i % ${open.length}] when i % 5 < 2 then ${won}::uuid else ${lost}::uuid end,
            ${partnerOf(sql`i * 3`)}, 1000 + (i * 7919) % 200000, case when i % 5 = 0 then 'EUR' else 'RON' end,
            case when i <= ${openCount} then current_date - 60 + i % 425 else c.at::date end,
            (array['website','referral','trade fair','cold call'])[1 + i % 4],
            c.at - interval '10 days', case when i > ${openCount} then c.at end, ${user(sql`i`)}, ${unitOf(sql`i`)},
            ${adminId}::uuid, ${adminId}::uuid, c.at - interval '60 days', c.at - (i % 1000) * interval '1 minute'
          from generate_series(${from}::int, ${to}::int) as i,
            lateral (select case when i <= ${openCount} then now() - (i % 90) * interval '1 day' else now() - (i % 730) * interval '1 day' end as at) c`.execute(db),
      );
    }
    const K = P > 0 ? Math.max(1, Math.floor(P / 10)) : 0;
    await step('contracts', K, (from, to) =>
      sql`insert into contract (id, workspace_id, number, title, partner_id, contract_group, value, currency, signed_on, starts_on, ends_on, renewal, notice_days, status, owner_id, created_by, updated_by)
        select ${benchId(ws, 'k', sql`i`)}, ${ws}::uuid, 'BENCH-' || lpad(i::text, 7, '0'), 'Contract cadru ' || i, ${benchId(ws, 'p', sql`1 + (i * 10 - 1) % ${Math.max(P, 1)}`)},
          (array['Distribuție','Servicii','Mentenanță'])[1 + i % 3], 5000 + i % 90000, 'RON', s.d - 5, s.d, s.d + 365,
          (array['none','manual','automatic'])[1 + i % 3], 30, case when s.d + 365 < current_date then 'expired' else 'active' end, ${user(sql`i`)},
          ${adminId}::uuid, ${adminId}::uuid
        from generate_series(${from}::int, ${to}::int) as i, lateral (select current_date - (i % 700) as d) s`.execute(db),
    );

    // the search index of partners and contacts, as the outbox consumer (reindexRecords) writes it
    const tsv = (text: RawBuilder<unknown>) =>
      sql`to_tsvector('simple', kontakt_normalize(${text}) || ' ' || regexp_replace(kontakt_normalize(${text}), '([a-z])([0-9])', '\\1 \\2', 'g'))`;
    await step('search partners', P, (from, to) =>
      sql`insert into search_document (workspace_id, entity, record_id, title, subtitle, body, owner_id, org_unit_id, normalized_title, tsv)
        select p.workspace_id, 'partner', p.id, p.name, nullif(concat_ws(' ', p.tax_id, p.city), ''), nullif(concat_ws(' ', p.legal_name, p.email), ''),
          p.owner_id, p.org_unit_id, kontakt_normalize(p.name), ${tsv(sql`concat_ws(' ', p.name, nullif(concat_ws(' ', p.tax_id, p.city), ''), nullif(concat_ws(' ', p.legal_name, p.email), ''))`)}
        from generate_series(${from}::int, ${to}::int) as i join partner p on p.id = ${benchId(ws, 'p', sql`i`)}`.execute(db),
    );
    await step('search contacts', C, (from, to) =>
      sql`insert into search_document (workspace_id, entity, record_id, title, subtitle, body, owner_id, org_unit_id, normalized_title, tsv)
        select c.workspace_id, 'contact', c.id, c.full_name, nullif(concat_ws(' ', c.position, c.email), ''), null, c.owner_id, null,
          kontakt_normalize(c.full_name), ${tsv(sql`concat_ws(' ', c.full_name, nullif(concat_ws(' ', c.position, c.email), ''))`)}
        from generate_series(${from}::int, ${to}::int) as i join contact c on c.id = ${benchId(ws, 'c', sql`i`)}`.execute(db),
    );
  } finally {
    // built again even when a step failed, so the database keeps its indexes
    if (indexes.length) {
      const t1 = performance.now();
      for (const index of indexes) {
        await db.transaction().execute(async (trx) => {
          await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
          await sql.raw(index.definition).execute(trx);
        });
      }
      steps.push({ name: 'indexes', rows: 0, seconds: round1((performance.now() - t1) / 1000) });
      log(`  ${'indexes'.padEnd(18)} ${String(indexes.length).padStart(9)} built ${((performance.now() - t1) / 1000).toFixed(1).padStart(6)} s`);
    }
  }
  const t0 = performance.now();
  await sql`analyze`.execute(db);
  steps.push({ name: 'analyze', rows: 0, seconds: round1((performance.now() - t0) / 1000) });

  const seconds = (performance.now() - started) / 1000;
  const rows = steps.reduce((n, s) => n + s.rows, 0);
  return { workspaceId: ws, adminId, userIds, pipelineId, steps, rows, seconds: round1(seconds), rowsPerSecond: Math.round(rows / Math.max(seconds, 0.001)) };
}

const BULK_TABLES = ['partner', 'contact', 'partner_contact', 'partner_timeline', 'event', 'task', 'opportunity', 'contract', 'search_document'];

/**
 * Drops the secondary indexes of `tables` (not those behind primary keys or constraints) and returns
 * their definitions (from the catalogue) to build them again after the load.
 */
async function dropIndexes(db: Kysely<DB>, tables: string[]): Promise<{ name: string; definition: string }[]> {
  const { rows } = await sql<{ name: string; definition: string }>`select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = any(${tables}::text[])
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db.withoutPlugins());
  for (const r of rows) await sql`drop index ${sql.id(r.name)}`.execute(db);
  return rows;
}

/** How many partners get the long timeline (the ones the card is measured on): 1 %, at least one. */
export const busyPartnerCount = (partners: number) => Math.max(1, Math.floor(partners / 100));

/** Ids of the partners with the long timeline. */
export async function busyPartnerIds(db: Kysely<DB>, workspaceId: string, partners: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select ${benchId(workspaceId, 'p', sql`i`)}::text as id from generate_series(1, ${busyPartnerCount(partners)}::int) as i`.execute(db);
  return rows.map((r) => r.id);
}
