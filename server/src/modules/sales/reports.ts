import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requireAdmin } from '../../platform/access/guard.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { AppError } from '../../platform/errors.ts';
import { accessWhere, requireEntityPermission } from '../../platform/records/access.ts';
import { inTransaction } from '../../platform/records/write.ts';
import { partnerEntity } from '../partners/partner.entity.ts';
import { orderEntity } from './documents.entity.ts';
import { opportunityEntity } from './opportunity.entity.ts';
import { ensureDefaultPipeline } from './pipeline.service.ts';

export const RATE_CURRENCIES = ['RON', 'PLN', 'HUF', 'UAH', 'EUR', 'USD'] as const;

async function baseCurrency(db: Kysely<DB>, workspaceId: string): Promise<string> {
  return (await db.selectFrom('workspace').select('currency').where('id', '=', workspaceId).executeTakeFirstOrThrow()).currency;
}

/** The latest rates (valid today) of the workspace, base currency first. */
export async function currentRates(db: Kysely<DB>, workspaceId: string) {
  const base = await baseCurrency(db, workspaceId);
  const { rows } = await sql<{ currency: string; rate: string; validFrom: string }>`
    select distinct on (currency) currency, rate::text, valid_from::text as "validFrom" from exchange_rate
    where workspace_id = ${workspaceId} and valid_from <= current_date order by currency, valid_from desc`.execute(db);
  return { base, rates: rows };
}

/** Sets rates valid from a day (administrators); one transaction, audited. */
export async function setRates(db: Kysely<DB>, actor: Actor, validFrom: string, rates: { currency: string; rate: string }[]) {
  requireAdmin(actor, 'update');
  const base = await baseCurrency(db, actor.workspaceId);
  if (rates.some((r) => r.currency === base)) {
    throw new AppError('VALIDATION', `${base} is the base currency: its rate is always 1`, { errors: [{ path: 'rates', message: 'validation.baseCurrencyRate' }] });
  }
  await inTransaction(db, async (trx) => {
    for (const r of rates) {
      await trx
        .insertInto('exchangeRate')
        .values({ workspaceId: actor.workspaceId, currency: r.currency, validFrom, rate: r.rate, updatedBy: actor.userId })
        .onConflict((oc) => oc.columns(['workspaceId', 'currency', 'validFrom']).doUpdateSet({ rate: r.rate, updatedAt: new Date(), updatedBy: actor.userId }))
        .execute();
    }
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'exchangeRate',
      recordId: actor.workspaceId,
      action: 'updated',
      actorId: actor.userId,
      changes: Object.fromEntries(rates.map((r) => [`${r.currency}@${validFrom}`, [null, r.rate]])),
    });
  });
  return currentRates(db, actor.workspaceId);
}

/** Units of the base currency for one unit of `currency` on `day` (SQL expression). */
const conversion = (workspaceId: string, base: string, currency: RawBuilder<unknown>, day: RawBuilder<unknown>) => sql<string>`(case when ${currency} = ${base} then 1
  else (select r.rate from exchange_rate r where r.workspace_id = ${workspaceId} and r.currency = ${currency} and r.valid_from <= ${day} order by r.valid_from desc limit 1) end)`;

/** Every amount must be convertible: a currency without a rate is named, nothing is guessed. */
async function requireRates(db: Kysely<DB>, workspaceId: string, base: string, currencies: RawBuilder<unknown>) {
  const { rows } = await sql<{ currency: string }>`select distinct c.currency from (${currencies}) c
    where c.currency is not null and c.currency <> ${base}
      and not exists (select 1 from exchange_rate r where r.workspace_id = ${workspaceId} and r.currency = c.currency and r.valid_from <= current_date)`.execute(db);
  if (rows.length) {
    const missing = rows.map((r) => r.currency).sort();
    throw new AppError('RULE', `No exchange rate for ${missing.join(', ')} to ${base}: add them under Settings → Exchange rates`, {
      errors: [{ path: 'currency', message: 'validation.noRate' }],
      details: { missing, base },
    });
  }
}

export interface Range {
  from: string;
  to: string;
}

/**
 * Forecast (S3): open opportunities by month or quarter of their expected close and by salesperson,
 * amounts in the base currency, weighted by their stage's probability; with the win rate and the
 * average length of a won sale over the opportunities closed in the period.
 */
export async function forecast(db: Kysely<DB>, actor: Actor, range: Range, unit: 'month' | 'quarter') {
  requireEntityPermission(actor, opportunityEntity, 'read');
  const base = await baseCurrency(db, actor.workspaceId);
  const visible = accessWhere(actor, opportunityEntity, 'read', 'o');
  const scope = sql`o.workspace_id = ${actor.workspaceId} and o.deleted_at is null and ${visible}`;
  // today's rate of each currency once (not a lookup per opportunity), and the currencies without one
  // found in the same pass: a currency without a rate is named, never guessed
  const { rows: found } = await sql<{ period: string; ownerId: string | null; ownerName: string | null; count: string; amount: string; weighted: string; missing: string[] | null }>`
    with rate as (
      select distinct on (currency) currency, rate from exchange_rate
      where workspace_id = ${actor.workspaceId} and valid_from <= current_date order by currency, valid_from desc
    ), row as (
      select o.expected_close, o.owner_id, o.currency, o.amount, s.probability,
        case when o.currency = ${base} then 1 else r.rate end as rate
      from opportunity o join pipeline_stage s on s.id = o.stage_id left join rate r on r.currency = o.currency
      where ${scope} and s.outcome = 'open' and o.amount is not null and o.expected_close between ${range.from}::date and ${range.to}::date
    )
    select to_char(date_trunc(${unit}, row.expected_close), 'YYYY-MM-DD') as period, row.owner_id as "ownerId", u.name as "ownerName",
      count(*)::text as count, round(sum(row.amount * row.rate), 2)::text as amount, round(sum(row.amount * row.rate * row.probability / 100), 2)::text as weighted,
      array_agg(distinct row.currency) filter (where row.rate is null) as missing
    from row left join users u on u.id = row.owner_id
    group by 1, 2, 3 order by 1, 3`.execute(db);
  const missing = [...new Set(found.flatMap((r) => r.missing ?? []))].sort();
  if (missing.length) {
    throw new AppError('RULE', `No exchange rate for ${missing.join(', ')} to ${base}: add them under Settings → Exchange rates`, {
      errors: [{ path: 'currency', message: 'validation.noRate' }],
      details: { missing, base },
    });
  }
  const rows = found.map(({ missing: _, ...row }) => row);
  const { rows: closed } = await sql<{ won: string; lost: string; cycleDays: string | null }>`
    select count(*) filter (where s.outcome = 'won')::text as won, count(*) filter (where s.outcome = 'lost')::text as lost,
      round(avg(extract(epoch from (o.closed_at - o.created_at)) / 86400) filter (where s.outcome = 'won'), 1)::text as "cycleDays"
    from opportunity o join pipeline_stage s on s.id = o.stage_id
    where ${scope} and o.closed_at >= ${range.from}::date and o.closed_at < ${range.to}::date + 1`.execute(db);
  const won = Number(closed[0]?.won ?? 0);
  const lost = Number(closed[0]?.lost ?? 0);
  return {
    base,
    rows,
    winRate: won + lost ? Math.round((won / (won + lost)) * 1000) / 10 : null,
    won,
    lost,
    averageCycleDays: closed[0]?.cycleDays === null || closed[0]?.cycleDays === undefined ? null : Number(closed[0].cycleDays),
  };
}

export type TurnoverBy = 'productGroup' | 'owner' | 'partner';

/**
 * Turnover (S6): actual sales (lines of confirmed and delivered orders, net, in the base currency)
 * against the plan (sales targets) by product group, salesperson or client, per month.
 */
export async function turnover(db: Kysely<DB>, actor: Actor, range: Range, by: TurnoverBy) {
  requireEntityPermission(actor, orderEntity, 'read');
  const base = await baseCurrency(db, actor.workspaceId);
  const visible = accessWhere(actor, orderEntity, 'read', 'o');
  const scope = sql`o.workspace_id = ${actor.workspaceId} and o.deleted_at is null and ${visible}
    and o.status in ('confirmed', 'delivered') and o.confirmed_at >= ${range.from}::date and o.confirmed_at < ${range.to}::date + 1`;
  await requireRates(db, actor.workspaceId, base, sql`select o.currency from sales_order o where ${scope}`);
  const conv = conversion(actor.workspaceId, base, sql`o.currency`, sql`o.confirmed_at::date`);
  const key = by === 'productGroup' ? sql`coalesce(p.product_group, '')` : by === 'owner' ? sql`coalesce(o.owner_id::text, '')` : sql`o.partner_id::text`;
  const label = by === 'productGroup' ? sql`coalesce(p.product_group, '')` : by === 'owner' ? sql`coalesce(u.name, '')` : sql`pa.name`;
  const { rows: actual } = await sql<{ month: string; key: string; label: string; amount: string }>`
    select to_char(date_trunc('month', o.confirmed_at), 'YYYY-MM-DD') as month, ${key} as key, ${label} as label, round(sum(l.net * ${conv}), 2)::text as amount
    from document_line l join sales_order o on o.id = l.document_id
      left join product p on p.id = l.product_id left join users u on u.id = o.owner_id join partner pa on pa.id = o.partner_id
    where ${scope} group by 1, 2, 3`.execute(db);
  const targetKey = by === 'productGroup' ? sql`t.product_group` : by === 'owner' ? sql`t.owner_id::text` : sql`t.partner_id::text`;
  const targetLabel = by === 'productGroup' ? sql`t.product_group` : by === 'owner' ? sql`u.name` : sql`pa.name`;
  const { rows: planned } = await sql<{ month: string; key: string; label: string; amount: string }>`
    select to_char(t.month, 'YYYY-MM-DD') as month, ${targetKey} as key, ${targetLabel} as label, sum(t.amount)::text as amount
    from sales_target t left join users u on u.id = t.owner_id left join partner pa on pa.id = t.partner_id
    where t.workspace_id = ${actor.workspaceId} and t.deleted_at is null and ${targetKey} is not null
      and t.month between date_trunc('month', ${range.from}::date) and ${range.to}::date
    group by 1, 2, 3`.execute(db);
  const rows = new Map<string, { month: string; key: string; label: string; planned: string; actual: string }>();
  for (const r of [...planned.map((p) => ({ ...p, kind: 'planned' as const })), ...actual.map((a) => ({ ...a, kind: 'actual' as const }))]) {
    const id = `${r.month}|${r.key}`;
    const row = rows.get(id) ?? { month: r.month, key: r.key, label: r.label, planned: '0.00', actual: '0.00' };
    row[r.kind] = (Number(row[r.kind]) + Number(r.amount)).toFixed(2);
    rows.set(id, row);
  }
  return { base, by, rows: [...rows.values()].sort((a, b) => a.month.localeCompare(b.month) || a.label.localeCompare(b.label)) };
}

/** Sales reports (R3): lost by reason, lead sources, salespeople — over the opportunities closed or created in the period. */
export async function salesReport(db: Kysely<DB>, actor: Actor, range: Range, kind: 'lostReasons' | 'sources' | 'salespeople') {
  requireEntityPermission(actor, opportunityEntity, 'read');
  const base = await baseCurrency(db, actor.workspaceId);
  const visible = accessWhere(actor, opportunityEntity, 'read', 'o');
  const scope = sql`o.workspace_id = ${actor.workspaceId} and o.deleted_at is null and ${visible}`;
  await requireRates(db, actor.workspaceId, base, sql`select o.currency from opportunity o where ${scope} and o.amount is not null`);
  const conv = conversion(actor.workspaceId, base, sql`o.currency`, sql`current_date`);
  const closedIn = sql`o.closed_at >= ${range.from}::date and o.closed_at < ${range.to}::date + 1`;
  if (kind === 'lostReasons') {
    const { rows } = await sql<{ key: string; count: string; amount: string }>`
      select coalesce(nullif(trim(o.lost_reason), ''), '') as key, count(*)::text as count, round(coalesce(sum(o.amount * ${conv}), 0), 2)::text as amount
      from opportunity o join pipeline_stage s on s.id = o.stage_id where ${scope} and s.outcome = 'lost' and ${closedIn}
      group by 1 order by count(*) desc, 1`.execute(db);
    return { base, rows };
  }
  const key = kind === 'sources' ? sql`coalesce(nullif(o.source, ''), nullif(p.lead_source, ''), '')` : sql`coalesce(u.name, '')`;
  const { rows } = await sql<{ key: string; opportunities: string; won: string; lost: string; wonAmount: string; openWeighted: string }>`
    select ${key} as key, count(*)::text as opportunities,
      (count(*) filter (where s.outcome = 'won' and ${closedIn}))::text as won,
      (count(*) filter (where s.outcome = 'lost' and ${closedIn}))::text as lost,
      round(coalesce(sum(o.amount * ${conv}) filter (where s.outcome = 'won' and ${closedIn}), 0), 2)::text as "wonAmount",
      round(coalesce(sum(o.amount * ${conv} * s.probability / 100) filter (where s.outcome = 'open'), 0), 2)::text as "openWeighted"
    from opportunity o join pipeline_stage s on s.id = o.stage_id left join partner p on p.id = o.partner_id left join users u on u.id = o.owner_id
    where ${scope} and (s.outcome = 'open' or ${closedIn} or o.created_at >= ${range.from}::date)
    group by 1 order by 1`.execute(db);
  return {
    base,
    rows: rows.map((r) => {
      const decided = Number(r.won) + Number(r.lost);
      return { ...r, winRate: decided ? Math.round((Number(r.won) / decided) * 1000) / 10 : null };
    }),
  };
}

/**
 * Lead-source effectiveness (R3, M7): the leads (business cards) created in the period by their
 * source, how many of them were converted (left the lead status), and what their opportunities
 * brought: opportunities, won, and the won amount in the base currency — leads → converted → won.
 */
export async function leadSourceReport(db: Kysely<DB>, actor: Actor, range: Range) {
  requireEntityPermission(actor, partnerEntity, 'read');
  requireEntityPermission(actor, opportunityEntity, 'read');
  const base = await baseCurrency(db, actor.workspaceId);
  const leads = sql`p.workspace_id = ${actor.workspaceId} and p.deleted_at is null and ${accessWhere(actor, partnerEntity, 'read', 'p')}
    and p.created_at >= ${range.from}::date and p.created_at < ${range.to}::date + 1 and (p.status = 'lead' or p.converted_at is not null)`;
  const opportunities = sql`o.workspace_id = ${actor.workspaceId} and o.deleted_at is null and ${accessWhere(actor, opportunityEntity, 'read', 'o')}`;
  await requireRates(db, actor.workspaceId, base, sql`select o.currency from opportunity o join partner p on p.id = o.partner_id
    where ${leads} and ${opportunities} and o.amount is not null`);
  const conv = conversion(actor.workspaceId, base, sql`o.currency`, sql`coalesce(o.closed_at, now())::date`);
  const { rows } = await sql<{ key: string; leads: string; converted: string; opportunities: string; won: string; wonAmount: string }>`
    select coalesce(nullif(trim(p.lead_source), ''), '') as key, count(*)::text as leads,
      (count(*) filter (where p.converted_at is not null))::text as converted,
      coalesce(sum(x.opportunities), 0)::text as opportunities, coalesce(sum(x.won), 0)::text as won,
      round(coalesce(sum(x.won_amount), 0), 2)::text as "wonAmount"
    from partner p
    left join lateral (
      select count(*) as opportunities, count(*) filter (where s.outcome = 'won') as won,
        sum(o.amount * ${conv}) filter (where s.outcome = 'won') as won_amount
      from opportunity o join pipeline_stage s on s.id = o.stage_id
      where o.partner_id = p.id and ${opportunities}
    ) x on true
    where ${leads}
    group by 1 order by count(*) desc, 1`.execute(db);
  return {
    base,
    rows: rows.map((r) => ({
      ...r,
      conversionRate: Number(r.leads) ? Math.round((Number(r.converted) / Number(r.leads)) * 1000) / 10 : null,
      winRate: Number(r.converted) ? Math.round((Number(r.won) / Number(r.converted)) * 1000) / 10 : null,
    })),
  };
}

/**
 * Funnel in numbers and amounts (S2, R3): for the opportunities of a pipeline created in the period,
 * per stage how many (and how much, in the base currency) reached it — an open stage is reached when
 * the opportunity was there or at a later open stage — and how many are in it now.
 */
export async function funnelReport(db: Kysely<DB>, actor: Actor, range: Range, pipelineId?: string) {
  requireEntityPermission(actor, opportunityEntity, 'read');
  const base = await baseCurrency(db, actor.workspaceId);
  const pipeline = pipelineId ?? (await ensureDefaultPipeline(db, actor.workspaceId, actor.userId));
  const scope = sql`o.workspace_id = ${actor.workspaceId} and o.deleted_at is null and ${accessWhere(actor, opportunityEntity, 'read', 'o')}
    and o.pipeline_id = ${pipeline}::uuid and o.created_at >= ${range.from}::date and o.created_at < ${range.to}::date + 1`;
  await requireRates(db, actor.workspaceId, base, sql`select o.currency from opportunity o where ${scope} and o.amount is not null`);
  const conv = conversion(actor.workspaceId, base, sql`o.currency`, sql`current_date`);
  const { rows } = await sql<{ stageId: string; key: string; position: number; outcome: string; probability: number; reached: string; reachedAmount: string; current: string; currentAmount: string }>`
    with opp as (
      select o.id, o.stage_id, coalesce(o.amount * ${conv}, 0) as amount,
        max(hs.position) filter (where hs.outcome = 'open') as max_open, array_agg(distinct h.stage_id) as stages
      from opportunity o
        left join opportunity_stage_history h on h.opportunity_id = o.id
        left join pipeline_stage hs on hs.id = h.stage_id
      where ${scope}
      group by o.id, o.stage_id, o.amount, o.currency
    )
    select s.id as "stageId", s.name as key, s.position, s.outcome, s.probability,
      (count(opp.id) filter (where (s.outcome = 'open' and opp.max_open >= s.position) or s.id = any(opp.stages) or opp.stage_id = s.id))::text as reached,
      round(coalesce(sum(opp.amount) filter (where (s.outcome = 'open' and opp.max_open >= s.position) or s.id = any(opp.stages) or opp.stage_id = s.id), 0), 2)::text as "reachedAmount",
      (count(opp.id) filter (where opp.stage_id = s.id))::text as current,
      round(coalesce(sum(opp.amount) filter (where opp.stage_id = s.id), 0), 2)::text as "currentAmount"
    from pipeline_stage s left join opp on true
    where s.workspace_id = ${actor.workspaceId} and s.pipeline_id = ${pipeline}::uuid and s.deleted_at is null
    group by s.id, s.name, s.position, s.outcome, s.probability
    order by s.position`.execute(db);
  const first = Number(rows[0]?.reached ?? 0);
  return {
    base,
    pipelineId: pipeline,
    rows: rows.map((r) => ({ ...r, conversion: first ? Math.round((Number(r.reached) / first) * 1000) / 10 : null })),
  };
}
