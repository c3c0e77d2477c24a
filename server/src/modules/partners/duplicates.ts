import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { recordChange, type Trx } from '../../platform/audit/record-change.ts';
import { AppError } from '../../platform/errors.ts';
import { accessWhere } from '../../platform/records/access.ts';
import { listEntities } from '../../platform/records/descriptor.ts';
import { findRecord } from '../../platform/records/query.ts';
import { contactEntity } from './contact.entity.ts';
import { partnerEntity } from './partner.entity.ts';

export interface DuplicatePair {
  aId: string;
  aName: string;
  bId: string;
  bName: string;
  reason: 'taxId' | 'email' | 'name';
  similarity: number;
}

/** Similar names start here (trigram similarity of the unaccented, transliterated names). */
const NAME_SIMILARITY = 0.6;

/** Words that say nothing about who a partner is: legal forms of the region, too common to compare by. */
const LEGAL_FORM_WORDS = [
  'srl', 'sa', 'sc', 'snc', 'sca', 'pfa', 'ii', 'if', 'sp', 'z', 'o', 'oo', 'zoo', 'spolka', 'kft', 'zrt', 'nyrt', 'bt', 'kkt',
  'tov', 'pat', 'prat', 'fop', 'pp', 'ltd', 'llc', 'gmbh', 'ag', 'inc', 'co', 'si', 'es', 'i', 'and',
];
/** A word shared by more partners than this (with the same numbers) does not make a block: too common to mean anything. */
const BLOCK_LIMIT = 200;

/**
 * Likely duplicate partners the actor may see: the same tax number (however written: tax_id_key), the same e-mail, or names alike —
 * trigram similarity of the normalised names, with the same numbers in them ("Firma 12" and
 * "Firma 13" are two companies). Strongest first.
 *
 * For one partner the trigram index finds its look-alikes. For the whole workspace see blockedPairs.
 */
export async function findPartnerDuplicates(db: Kysely<DB>, actor: Actor, limit: number, partnerId?: string): Promise<DuplicatePair[]> {
  if (partnerId) return duplicatesOf(db, actor, limit, partnerId);
  const visible = accessWhere(actor, partnerEntity, 'read', 'p');
  return blockedPairs(
    db,
    sql`select p.id, p.name, kontakt_normalize(p.name) as nn, p.tax_id_key as key1, lower(p.email) as key2
      from partner p where p.workspace_id = ${actor.workspaceId} and p.deleted_at is null and ${visible}`,
    ['taxId', 'email'],
    limit,
  );
}

/** A phone number by its last nine digits (with or without the country prefix), when it has that many. */
const phoneKey = (column: RawBuilder<unknown>) => sql`nullif(right(regexp_replace(coalesce(${column}, ''), '[^0-9]', '', 'g'), 9), '')`;

/**
 * Likely duplicate contacts the actor may see: the same e-mail, the same phone (mobile, else the
 * other phone, by its last nine digits), or names alike. For one contact, or the whole workspace
 * (see blockedPairs).
 */
export async function findContactDuplicates(db: Kysely<DB>, actor: Actor, limit: number, contactId?: string): Promise<DuplicatePair[]> {
  const visible = accessWhere(actor, contactEntity, 'read', 'c');
  const phone = phoneKey(sql`coalesce(c.mobile, c.phone)`);
  const base = sql`select c.id, c.full_name as name, kontakt_normalize(c.full_name) as nn, lower(c.email) as key1,
      case when length(${phone}) = 9 then ${phone} end as key2
    from contact c where c.workspace_id = ${actor.workspaceId} and c.deleted_at is null and ${visible}`;
  if (!contactId) return blockedPairs(db, base, ['email', 'phone'], limit);
  // one contact: its own keys and name against the indexes (e-mail, trigram of the name)
  const { rows } = await sql<DuplicatePair>`
    with me as (${base} and c.id = ${contactId}::uuid), n as (${base})
    select me.id as "aId", me.name as "aName", n.id as "bId", n.name as "bName",
      case when me.key1 = n.key1 then 'email' when me.key2 = n.key2 then 'phone' else 'name' end as reason,
      similarity(me.nn, n.nn)::float8 as similarity
    from me join n on n.id <> me.id and (n.key1 = me.key1 or n.key2 = me.key2
      or (n.nn % me.nn and similarity(me.nn, n.nn) >= ${NAME_SIMILARITY}))
    order by (me.key1 = n.key1) desc, similarity desc
    limit ${limit}`.execute(db);
  return rows;
}

/**
 * The pairs of a workspace whose strong keys are equal (tax ID, e-mail, phone) or whose names are alike.
 * Comparing every two names would grow with the square of the records, so names are compared only
 * inside blocks: records sharing a significant word (not a legal form, not shared by more than
 * BLOCK_LIMIT) and the same numbers. A pair whose names have no word in common is not proposed here
 * (the lookup for one record still finds it). `base` selects id, name, nn (normalised name), key1, key2.
 */
async function blockedPairs(db: Kysely<DB>, base: RawBuilder<unknown>, reasons: [string, string], limit: number): Promise<DuplicatePair[]> {
  const { rows } = await sql<DuplicatePair>`
    with n as materialized (
      select b.*, regexp_replace(b.nn, '[^0-9]', '', 'g') as digits from (${base}) b
    ), words as materialized (
      select distinct n.id, n.digits, w.word from n
      cross join lateral regexp_split_to_table(n.nn, '[^a-z0-9]+') as w(word)
      where w.word <> '' and w.word !~ '^[0-9]+$' and w.word <> all(${LEGAL_FORM_WORDS}::text[])
    ), blocks as (
      select word, digits from words group by word, digits having count(*) between 2 and ${BLOCK_LIMIT}
    ), pairs as (
      select a.id as a_id, b.id as b_id from n a join n b on b.key1 = a.key1 and b.id > a.id
      union
      select a.id, b.id from n a join n b on b.key2 = a.key2 and b.id > a.id
      union
      select a.id, b.id from blocks k
        join words a on a.word = k.word and a.digits = k.digits
        join words b on b.word = k.word and b.digits = k.digits and b.id > a.id
    )
    select a.id as "aId", a.name as "aName", b.id as "bId", b.name as "bName",
      case when a.key1 = b.key1 then ${reasons[0]} when a.key2 = b.key2 then ${reasons[1]} else 'name' end as reason,
      similarity(a.nn, b.nn)::float8 as similarity
    from pairs join n a on a.id = pairs.a_id join n b on b.id = pairs.b_id
    where a.key1 = b.key1 or a.key2 = b.key2 or (a.digits = b.digits and similarity(a.nn, b.nn) >= ${NAME_SIMILARITY})
    order by (a.key1 is not null and a.key1 = b.key1) desc, similarity desc, a.id, b.id
    limit ${limit}`.execute(db);
  return rows;
}

/** The likely duplicates of one partner, found through the indexes (tax ID, e-mail, trigram of the name). */
async function duplicatesOf(db: Kysely<DB>, actor: Actor, limit: number, partnerId: string): Promise<DuplicatePair[]> {
  const visibleA = accessWhere(actor, partnerEntity, 'read', 'a');
  const visibleB = accessWhere(actor, partnerEntity, 'read', 'b');
  const { rows } = await sql<DuplicatePair>`
    select a.id as "aId", a.name as "aName", b.id as "bId", b.name as "bName",
      case when a.tax_id_key is not null and a.tax_id_key = b.tax_id_key then 'taxId'
           when a.email is not null and lower(a.email) = lower(b.email) then 'email'
           else 'name' end as reason,
      similarity(kontakt_normalize(a.name), kontakt_normalize(b.name))::float8 as similarity
    from partner a
    join partner b on b.workspace_id = a.workspace_id and b.id <> a.id and b.deleted_at is null
      and ((a.tax_id_key is not null and a.tax_id_key = b.tax_id_key)
        or (a.email is not null and lower(a.email) = lower(b.email))
        or (kontakt_normalize(a.name) % kontakt_normalize(b.name)
            and similarity(kontakt_normalize(a.name), kontakt_normalize(b.name)) >= ${NAME_SIMILARITY}
            and regexp_replace(kontakt_normalize(a.name), '[^0-9]', '', 'g') = regexp_replace(kontakt_normalize(b.name), '[^0-9]', '', 'g')))
    where a.workspace_id = ${actor.workspaceId} and a.id = ${partnerId}::uuid and a.deleted_at is null and ${visibleA} and ${visibleB}
    order by (a.tax_id_key is not null and a.tax_id_key = b.tax_id_key) desc, similarity desc
    limit ${limit}`.execute(db);
  return rows;
}

// Fields taken from the duplicate when the kept partner has none.
const FILL_FIELDS = [
  'legal_name', 'tax_id', 'tax_id_kind', 'trade_register', 'county', 'city', 'postal_code', 'street', 'phone', 'email',
  'website', 'iban', 'bic', 'bank_name', 'sector', 'employees', 'turnover', 'turnover_currency', 'lead_source', 'owner_id',
  'deputy_id', 'org_unit_id', 'notes',
] as const;

/**
 * Merges a duplicate into the partner kept: empty fields are filled from the duplicate, tags united;
 * its contacts, attachments, shares and timeline move over; the duplicate goes to the trash pointing
 * at the partner kept (`merged_into`, which the timeline consumer follows for events projected later). Both histories stay (the audit of each record, the timeline joined). One transaction.
 */
export async function mergePartners(db: Kysely<DB>, actor: Actor, keepId: string, duplicateId: string) {
  if (keepId === duplicateId) throw new AppError('RULE', 'A partner cannot be merged into itself');
  await findRecord(db, actor, partnerEntity, keepId, { action: 'update' });
  await findRecord(db, actor, partnerEntity, duplicateId, { action: 'delete' });
  await db.transaction().execute(async (trx) => {
    // both rows locked in id order first, as the timeline consumer locks the partners it projects onto:
    // a projection running meanwhile either commits before the merge copies the timeline, or sees the pointer
    await sql`select id from partner where workspace_id = ${actor.workspaceId} and id in (${keepId}::uuid, ${duplicateId}::uuid)
      order by id for update`.execute(trx);
    // the duplicate goes to the trash first: a tax number the partner kept takes from it is then free
    await sql`update partner set deleted_at = now(), merged_into = ${keepId}::uuid, version = version + 1, updated_at = now(), updated_by = ${actor.userId}
      where id = ${duplicateId}::uuid`.execute(trx);
    const fill = sql.join(
      FILL_FIELDS.map((c) => sql`${sql.ref(c)} = coalesce(k.${sql.ref(c)}, d.${sql.ref(c)})`),
      sql`, `,
    );
    // a number taken from a duplicate that shared it before numbers were compared stays marked so
    await sql`update partner k set ${fill},
        tax_id_duplicate = case when k.tax_id is null and d.tax_id is not null then d.tax_id_duplicate else k.tax_id_duplicate end,
        tags = (select array(select distinct unnest(k.tags || d.tags))),
        custom = d.custom || k.custom,
        last_activity_at = greatest(k.last_activity_at, d.last_activity_at),
        version = k.version + 1, updated_at = now(), updated_by = ${actor.userId}
      from (select * from partner where id = ${duplicateId}::uuid) d
      where k.id = ${keepId}::uuid`.execute(trx);
    await sql`insert into partner_contact (workspace_id, partner_id, contact_id, role, is_primary)
      select workspace_id, ${keepId}::uuid, contact_id, role, false from partner_contact where partner_id = ${duplicateId}::uuid
      on conflict (partner_id, contact_id) do nothing`.execute(trx);
    await sql`delete from partner_contact where partner_id = ${duplicateId}::uuid`.execute(trx);
    await sql`update attachment set record_id = ${keepId}::uuid where entity = 'partner' and record_id = ${duplicateId}::uuid`.execute(trx);
    await sql`update record_grant set record_id = ${keepId}::uuid where entity = 'partner' and record_id = ${duplicateId}::uuid
      and not exists (select 1 from record_grant g where g.entity = 'partner' and g.record_id = ${keepId}::uuid
        and g.principal_type = record_grant.principal_type and g.principal_id = record_grant.principal_id)`.execute(trx);
    await sql`insert into partner_timeline (workspace_id, partner_id, event_id, at, type, entity, record_id, actor_id, payload)
      select workspace_id, ${keepId}::uuid, event_id, at, type, entity, record_id, actor_id, payload
      from partner_timeline where partner_id = ${duplicateId}::uuid
      on conflict (partner_id, event_id) do nothing`.execute(trx);
    await moveReferences(trx, actor, 'partner', keepId, duplicateId);
    await sql`update competitor_link set record_id = ${keepId}::uuid where entity = 'partner' and record_id = ${duplicateId}::uuid
      and not exists (select 1 from competitor_link c where c.entity = 'partner' and c.record_id = ${keepId}::uuid and c.competitor_id = competitor_link.competitor_id)`.execute(trx);
    // partners merged into the duplicate before now point at the partner kept (one hop for the consumer)
    await sql`update partner set merged_into = ${keepId}::uuid
      where workspace_id = ${actor.workspaceId} and merged_into = ${duplicateId}::uuid`.execute(trx);
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'partner',
      recordId: keepId,
      action: 'merged',
      actorId: actor.userId,
      payload: { mergedFrom: duplicateId },
    });
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'partner',
      recordId: duplicateId,
      action: 'mergedInto',
      actorId: actor.userId,
      payload: { mergedInto: keepId },
    });
  });
  return findRecord(db, actor, partnerEntity, keepId);
}

/**
 * Every record of any module that points at the duplicate (opportunities, offers, orders, contracts,
 * events, tasks, reservations … — whatever entity has a reference field to it) now points at the
 * record kept; a new module's references move too, with no change here.
 */
async function moveReferences(trx: Trx, actor: Actor, target: 'partner' | 'contact', keepId: string, duplicateId: string) {
  for (const entity of listEntities()) {
    for (const field of entity.fields.filter((f) => f.type === 'reference' && f.to === target)) {
      await sql`update ${sql.table(entity.table)} set ${sql.ref(field.column)} = ${keepId}::uuid, version = version + 1, updated_at = now()
        where workspace_id = ${actor.workspaceId} and ${sql.ref(field.column)} = ${duplicateId}::uuid`.execute(trx);
    }
  }
}

/** Merges a duplicate contact: its partner links move over, empty fields are filled; the duplicate goes to the trash. */
export async function mergeContacts(db: Kysely<DB>, actor: Actor, keepId: string, duplicateId: string) {
  if (keepId === duplicateId) throw new AppError('RULE', 'A contact cannot be merged into itself');
  await findRecord(db, actor, contactEntity, keepId, { action: 'update' });
  await findRecord(db, actor, contactEntity, duplicateId, { action: 'delete' });
  await db.transaction().execute(async (trx) => {
    const columns = ['first_name', 'email', 'phone', 'mobile', 'position', 'birthday', 'name_day', 'city', 'country', 'owner_id', 'notes'];
    const fill = sql.join(columns.map((c) => sql`${sql.ref(c)} = coalesce(k.${sql.ref(c)}, d.${sql.ref(c)})`), sql`, `);
    await sql`update contact k set ${fill},
        categories = (select array(select distinct unnest(k.categories || d.categories))),
        messaging = d.messaging || k.messaging, custom = d.custom || k.custom,
        consent_email = k.consent_email or d.consent_email, consent_at = coalesce(k.consent_at, d.consent_at),
        version = k.version + 1, updated_at = now(), updated_by = ${actor.userId}
      from (select * from contact where id = ${duplicateId}::uuid) d where k.id = ${keepId}::uuid`.execute(trx);
    await sql`insert into partner_contact (workspace_id, partner_id, contact_id, role, is_primary)
      select workspace_id, partner_id, ${keepId}::uuid, role, is_primary from partner_contact where contact_id = ${duplicateId}::uuid
      on conflict (partner_id, contact_id) do nothing`.execute(trx);
    await sql`delete from partner_contact where contact_id = ${duplicateId}::uuid`.execute(trx);
    await moveReferences(trx, actor, 'contact', keepId, duplicateId);
    await sql`update contact set deleted_at = now(), version = version + 1, updated_at = now() where id = ${duplicateId}::uuid`.execute(trx);
    await recordChange(trx, { workspaceId: actor.workspaceId, entity: 'contact', recordId: keepId, action: 'merged', actorId: actor.userId, payload: { mergedFrom: duplicateId } });
    await recordChange(trx, { workspaceId: actor.workspaceId, entity: 'contact', recordId: duplicateId, action: 'mergedInto', actorId: actor.userId, payload: { mergedInto: keepId } });
  });
  return findRecord(db, actor, contactEntity, keepId);
}
