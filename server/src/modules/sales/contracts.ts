import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { AppError } from '../../platform/errors.ts';
import { registerNotificationKind } from '../../platform/notifications/kinds.ts';
import { defineEntity, type RecordValues } from '../../platform/records/descriptor.ts';
import { scheduleContractReminder } from '../activities/reminders.service.ts';
import { nextNumber } from './documents.entity.ts';

registerNotificationKind({ kind: 'contract_expiring', labelKey: 'notificationKinds.contract_expiring', defaults: { inApp: true, email: true, sms: false } });

function checkDates(values: RecordValues) {
  if (typeof values.endsOn === 'string' && typeof values.startsOn === 'string' && values.endsOn < values.startsOn) {
    throw new AppError('VALIDATION', 'The contract ends before it starts', { errors: [{ path: 'endsOn', message: 'validation.endBeforeStart' }] });
  }
  if (values.renewal === 'automatic' && !values.renewalMonths) {
    throw new AppError('VALIDATION', 'An automatic renewal needs its period', { errors: [{ path: 'renewalMonths', message: 'validation.required' }] });
  }
  if (values.renewal === 'automatic' && !values.endsOn) {
    throw new AppError('VALIDATION', 'An automatic renewal needs an end date', { errors: [{ path: 'endsOn', message: 'validation.required' }] });
  }
}

/** Contracts (S9): numbered CTR-year-n unless given, with validity, renewal and expiry reminders. */
export const contractEntity = defineEntity({
  name: 'contract',
  resource: 'contracts',
  table: 'contract',
  area: 'sales',
  labelKey: 'entities.contract',
  scope: { ownerColumns: ['owner_id'], orgUnitColumn: 'org_unit_id' },
  customFields: true,
  defaultSort: 'endsOn',
  fields: [
    { name: 'number', column: 'number', type: 'string', max: 60, filterable: true, sortable: true, searchable: true },
    { name: 'title', column: 'title', type: 'string', required: true, max: 300, filterable: true, sortable: true, searchable: true },
    { name: 'partnerId', column: 'partner_id', type: 'reference', to: 'partner', required: true, filterable: true },
    { name: 'contractGroup', column: 'contract_group', type: 'string', max: 100, filterable: true, sortable: true },
    { name: 'value', column: 'value', type: 'money', currencyField: 'currency', filterable: true, sortable: true },
    { name: 'currency', column: 'currency', type: 'string', max: 3, refine: (s) => s.refine((v) => v == null || /^[A-Z]{3}$/.test(String(v)), 'An ISO currency like RON') },
    { name: 'signedOn', column: 'signed_on', type: 'date', filterable: true, sortable: true },
    { name: 'startsOn', column: 'starts_on', type: 'date', required: true, filterable: true, sortable: true, notNull: true },
    { name: 'endsOn', column: 'ends_on', type: 'date', filterable: true, sortable: true },
    { name: 'renewal', column: 'renewal', type: 'enum', values: ['none', 'manual', 'automatic'], filterable: true },
    { name: 'renewalMonths', column: 'renewal_months', type: 'integer', filterable: true },
    { name: 'noticeDays', column: 'notice_days', type: 'integer', filterable: true, refine: (s) => s.refine((v) => v == null || (Number(v) >= 0 && Number(v) <= 365), '0–365 days') },
    { name: 'status', column: 'status', type: 'enum', values: ['draft', 'active', 'expired', 'terminated'], filterable: true, sortable: true },
    { name: 'notes', column: 'notes', type: 'text', max: 20_000 },
    // the end date its owner was last reminded of (the daily job); cleared when the end moves
    { name: 'remindedFor', column: 'reminded_for', type: 'date', readOnly: true, hidden: true },
    { name: 'ownerId', column: 'owner_id', type: 'reference', to: 'user', filterable: true },
    { name: 'orgUnitId', column: 'org_unit_id', type: 'reference', to: 'orgUnit', filterable: true },
  ],
  relations: [{ name: 'partner', entity: 'partner', kind: 'belongsTo', column: 'partner_id' }],
  search: { title: ['title'], subtitle: ['number'], body: ['notes'] },
  hooks: {
    async beforeCreate({ trx, actor }, { values }) {
      checkDates(values);
      if (!values.number) values.number = await nextNumber(trx, actor.workspaceId, 'contract', String(values.startsOn));
      const taken = await trx.selectFrom('contract').select('id').where('workspaceId', '=', actor.workspaceId).where('number', '=', String(values.number)).where('deletedAt', 'is', null).executeTakeFirst();
      if (taken) throw new AppError('CONFLICT', 'Another contract has this number', { errors: [{ path: 'number', message: 'validation.codeTaken' }] });
    },
    beforeUpdate(_ctx, { before, patch }) {
      checkDates({ ...before, ...patch });
      // a new end date is reminded of again
      if (patch.endsOn !== undefined && patch.endsOn !== before.endsOn) patch.remindedFor = null;
    },
  },
});

const REMIND: Record<string, (title: string, partner: string, date: string) => string> = {
  en: (t, p, d) => `Contract "${t}" with ${p} ends on ${d}`,
  ro: (t, p, d) => `Contractul „${t}” cu ${p} expiră la ${d}`,
  pl: (t, p, d) => `Umowa „${t}” z ${p} kończy się ${d}`,
  hu: (t, p, d) => `A(z) „${t}” szerződés (${p}) ${d}-án lejár`,
  uk: (t, p, d) => `Договір «${t}» з ${p} закінчується ${d}`,
};

/**
 * Daily: contracts entering their notice period get an expiry reminder for their owner through the
 * activities reminders (A3: one per contract and end date, fired once by the reminder scan, in the
 * owner's language); automatically renewed contracts past their end get the next period; the others
 * past their end become expired. Each change audited.
 */
export async function contractsDaily(db: Kysely<DB>): Promise<{ reminded: number; renewed: number; expired: number }> {
  return db.transaction().execute(async (trx) => {
    const { rows: due } = await sql<{ id: string; workspaceId: string; title: string; endsOn: string; ownerId: string | null; partnerId: string; partner: string; locale: string | null }>`
      select c.id, c.workspace_id as "workspaceId", c.title, c.ends_on::text as "endsOn", c.owner_id as "ownerId", c.partner_id as "partnerId", p.name as partner, u.locale
      from contract c join partner p on p.id = c.partner_id left join users u on u.id = c.owner_id
      where c.deleted_at is null and c.status = 'active' and c.ends_on is not null and c.renewal <> 'automatic'
        and c.ends_on - c.notice_days <= current_date and c.ends_on >= current_date
        and (c.reminded_for is null or c.reminded_for <> c.ends_on)
      for update of c`.execute(trx);
    let reminded = 0;
    for (const c of due) {
      const scheduled = await scheduleContractReminder(trx, {
        workspaceId: c.workspaceId,
        contractId: c.id,
        endsOn: c.endsOn,
        userId: c.ownerId,
        title: (REMIND[c.locale ?? 'en'] ?? REMIND.en!)(c.title, c.partner, c.endsOn),
        link: `/r/contracts/${c.id}`,
      });
      if (scheduled) reminded++;
      await sql`update contract set reminded_for = ends_on where id = ${c.id}::uuid`.execute(trx);
    }
    const { rows: renewed } = await sql<{ id: string; workspaceId: string; partnerId: string; before: string; after: string }>`
      update contract c set ends_on = (c.ends_on + make_interval(months => c.renewal_months))::date, reminded_for = null,
        updated_at = now(), version = version + 1
      from (select id, ends_on as before from contract where deleted_at is null and status = 'active' and renewal = 'automatic' and ends_on < current_date) o
      where c.id = o.id
      returning c.id, c.workspace_id as "workspaceId", c.partner_id as "partnerId", o.before::text as before, c.ends_on::text as after`.execute(trx);
    for (const r of renewed) {
      await recordChange(trx, { workspaceId: r.workspaceId, entity: 'contract', recordId: r.id, action: 'renewed', actorId: null, changes: { endsOn: [r.before, r.after] }, payload: { partnerId: r.partnerId } });
    }
    const { rows: expired } = await sql<{ id: string; workspaceId: string; partnerId: string }>`
      update contract set status = 'expired', updated_at = now(), version = version + 1
      where deleted_at is null and status = 'active' and renewal <> 'automatic' and ends_on < current_date
      returning id, workspace_id as "workspaceId", partner_id as "partnerId"`.execute(trx);
    for (const r of expired) {
      await recordChange(trx, { workspaceId: r.workspaceId, entity: 'contract', recordId: r.id, action: 'expired', actorId: null, changes: { status: ['active', 'expired'] }, payload: { partnerId: r.partnerId } });
    }
    return { reminded, renewed: renewed.length, expired: expired.length };
  });
}
