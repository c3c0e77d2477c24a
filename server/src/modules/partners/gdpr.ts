import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { findRecord } from '../../platform/records/query.ts';
import { contactEntity } from './contact.entity.ts';

/** Everything the CRM holds about a person, as one JSON document (GDPR right of access). */
export async function exportContactData(db: Kysely<DB>, actor: Actor, contactId: string) {
  const contact = await findRecord(db, actor, contactEntity, contactId, { action: 'export' });
  const partners = await db
    .selectFrom('partnerContact')
    .innerJoin('partner', 'partner.id', 'partnerContact.partnerId')
    .select(['partner.id', 'partner.name', 'partnerContact.role', 'partnerContact.isPrimary', 'partnerContact.createdAt'])
    .where('partnerContact.contactId', '=', contactId)
    .execute();
  const history = await db
    .selectFrom('auditLog')
    .select(['action', 'at', 'changes'])
    .where('entity', '=', 'contact')
    .where('recordId', '=', contactId)
    .where('workspaceId', '=', actor.workspaceId)
    .orderBy('id')
    .execute();
  const attachments = await db
    .selectFrom('attachment')
    .select(['id', 'fileName', 'mimeType', 'size', 'createdAt'])
    .where('entity', '=', 'contact')
    .where('recordId', '=', contactId)
    .where('deletedAt', 'is', null)
    .execute();
  await db.transaction().execute((trx) =>
    recordChange(trx, { workspaceId: actor.workspaceId, entity: 'contact', recordId: contactId, action: 'exported', actorId: actor.userId }),
  );
  return { exportedAt: new Date().toISOString(), contact, partners, history, attachments };
}

/**
 * Erases a person (GDPR right to erasure): personal fields are cleared, the change diffs that held
 * them are emptied, files and the search entry removed, links to partners dropped; the record stays
 * in the trash as "erased" so counts and the audit of the erasure itself remain.
 */
export async function eraseContact(db: Kysely<DB>, actor: Actor, contactId: string): Promise<void> {
  await findRecord(db, actor, contactEntity, contactId, { action: 'delete', deleted: 'any' });
  await db.transaction().execute(async (trx) => {
    await sql`update contact set first_name = null, last_name = 'Erased', email = null, phone = null, mobile = null,
        position = null, birthday = null, name_day = null, categories = '{}', messaging = '{}'::jsonb, city = null,
        country = null, consent_email = false, consent_at = null, notes = null, custom = '{}'::jsonb,
        deleted_at = coalesce(deleted_at, now()), version = version + 1, updated_at = now(), updated_by = ${actor.userId}
      where id = ${contactId}::uuid and workspace_id = ${actor.workspaceId}`.execute(trx);
    await sql`update audit_log set changes = '{}'::jsonb
      where workspace_id = ${actor.workspaceId} and entity = 'contact' and record_id = ${contactId}::uuid`.execute(trx);
    await sql`update outbox_event set payload = '{}'::jsonb
      where workspace_id = ${actor.workspaceId} and entity = 'contact' and record_id = ${contactId}::uuid`.execute(trx);
    await sql`update partner_timeline set payload = '{}'::jsonb
      where workspace_id = ${actor.workspaceId} and entity = 'contact' and record_id = ${contactId}::uuid`.execute(trx);
    await trx.deleteFrom('partnerContact').where('contactId', '=', contactId).execute();
    await trx.deleteFrom('searchDocument').where('entity', '=', 'contact').where('recordId', '=', contactId).execute();
    await trx
      .updateTable('attachment')
      .set({ deletedAt: new Date() })
      .where('entity', '=', 'contact')
      .where('recordId', '=', contactId)
      .where('deletedAt', 'is', null)
      .execute();
    await recordChange(trx, { workspaceId: actor.workspaceId, entity: 'contact', recordId: contactId, action: 'erased', actorId: actor.userId });
  });
}
