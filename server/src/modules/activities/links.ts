import { sql } from 'kysely';
import type { Trx } from '../../platform/audit/record-change.ts';
import { validation } from '../../platform/errors.ts';
import type { RecordValues } from '../../platform/records/descriptor.ts';

/**
 * An activity about a contact is about one of the contact's partners: a contact given with a partner
 * must work with that partner; a contact given alone brings its primary (or only) partner along.
 * `values` is completed in place; `merged` is the record as it will be after the write.
 */
export async function linkContactToPartner(trx: Trx, workspaceId: string, values: RecordValues, merged: RecordValues): Promise<void> {
  if (values.contactId === undefined && values.partnerId === undefined) return;
  const contactId = merged.contactId;
  if (typeof contactId !== 'string') return;
  const partnerId = merged.partnerId;
  const { rows } = await sql<{ partnerId: string; isPrimary: boolean }>`select partner_id as "partnerId", is_primary as "isPrimary"
    from partner_contact where workspace_id = ${workspaceId} and contact_id = ${contactId}::uuid`.execute(trx);
  if (typeof partnerId === 'string') {
    if (!rows.some((r) => r.partnerId === partnerId)) throw validation([{ path: 'contactId', message: 'validation.contactNotOfPartner' }], 'The contact does not work with this partner');
    return;
  }
  if (values.partnerId === undefined) {
    const chosen = rows.length === 1 ? rows[0] : rows.find((r) => r.isPrimary);
    if (chosen) values.partnerId = chosen.partnerId;
  }
}

/** `at` is not before `from` (both optional ISO date-times); otherwise a field error on `path`. */
export function requireOrder(from: unknown, at: unknown, path: string, message: string): void {
  if (typeof from !== 'string' || typeof at !== 'string') return;
  if (new Date(at).getTime() < new Date(from).getTime()) throw validation([{ path, message }]);
}
