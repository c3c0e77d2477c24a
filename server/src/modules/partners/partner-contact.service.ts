import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { notFound } from '../../platform/errors.ts';
import { findRecord } from '../../platform/records/query.ts';
import { inTransaction } from '../../platform/records/write.ts';
import { contactEntity } from './contact.entity.ts';
import { partnerEntity } from './partner.entity.ts';

/** Contacts of a partner the actor may read, with their role there; primary first. */
export async function partnerContacts(db: Kysely<DB>, actor: Actor, partnerId: string) {
  await findRecord(db, actor, partnerEntity, partnerId);
  return db
    .selectFrom('partnerContact')
    .innerJoin('contact', 'contact.id', 'partnerContact.contactId')
    .select([
      'contact.id',
      'contact.fullName',
      'contact.position',
      'contact.email',
      'contact.phone',
      'partnerContact.role',
      'partnerContact.isPrimary',
    ])
    .where('partnerContact.partnerId', '=', partnerId)
    .where('partnerContact.workspaceId', '=', actor.workspaceId)
    .where('contact.deletedAt', 'is', null)
    .orderBy('partnerContact.isPrimary', 'desc')
    .orderBy('contact.fullName')
    .limit(1000)
    .execute();
}

/** Partners a contact works with. */
export async function contactPartners(db: Kysely<DB>, actor: Actor, contactId: string) {
  await findRecord(db, actor, contactEntity, contactId);
  return db
    .selectFrom('partnerContact')
    .innerJoin('partner', 'partner.id', 'partnerContact.partnerId')
    .select(['partner.id', 'partner.name', 'partner.city', 'partnerContact.role', 'partnerContact.isPrimary'])
    .where('partnerContact.contactId', '=', contactId)
    .where('partnerContact.workspaceId', '=', actor.workspaceId)
    .where('partner.deletedAt', 'is', null)
    .orderBy('partner.name')
    .limit(1000)
    .execute();
}

/** Links a contact to a partner (or changes the link's role); one primary contact per partner. */
export async function linkContact(
  db: Kysely<DB>,
  actor: Actor,
  partnerId: string,
  contactId: string,
  link: { role?: string | null; isPrimary?: boolean },
): Promise<void> {
  await findRecord(db, actor, partnerEntity, partnerId, { action: 'update' });
  await findRecord(db, actor, contactEntity, contactId);
  await inTransaction(db, async (trx) => {
    if (link.isPrimary) {
      await trx.updateTable('partnerContact').set({ isPrimary: false }).where('partnerId', '=', partnerId).execute();
    }
    await trx
      .insertInto('partnerContact')
      .values({ workspaceId: actor.workspaceId, partnerId, contactId, role: link.role ?? null, isPrimary: link.isPrimary ?? false })
      .onConflict((oc) => oc.columns(['partnerId', 'contactId']).doUpdateSet({ role: link.role ?? null, isPrimary: link.isPrimary ?? false }))
      .execute();
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'partner',
      recordId: partnerId,
      action: 'contactLinked',
      actorId: actor.userId,
      changes: { [`contact.${contactId}`]: [null, link.role ?? ''] },
      payload: { contactId },
    });
  });
}

export async function unlinkContact(db: Kysely<DB>, actor: Actor, partnerId: string, contactId: string): Promise<void> {
  await findRecord(db, actor, partnerEntity, partnerId, { action: 'update' });
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('partnerContact')
      .where('partnerId', '=', partnerId)
      .where('contactId', '=', contactId)
      .where('workspaceId', '=', actor.workspaceId)
      .executeTakeFirst();
    if (!removed.numDeletedRows) throw notFound('Link');
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'partner',
      recordId: partnerId,
      action: 'contactUnlinked',
      actorId: actor.userId,
      changes: { [`contact.${contactId}`]: ['', null] },
      payload: { contactId },
    });
  });
}
