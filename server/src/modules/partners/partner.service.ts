import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.ts';
import type { Trx } from '../../platform/audit/record-change.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { accessWhere } from '../../platform/records/access.ts';
import { type EntityHooks, getEntity, type RecordValues } from '../../platform/records/descriptor.ts';
import { validateBic, validateIban } from './bank.ts';
import { validateTaxId } from './tax-id.ts';

/**
 * Checks the partner's identifiers against their rules and stores them normalised: the tax ID by
 * the partner's country and kind (its kind is kept), IBAN and BIC; names the broken fields.
 */
function normaliseIdentifiers(values: RecordValues, current: RecordValues): FieldError[] {
  const errors: FieldError[] = [];
  const merged = { ...current, ...values };
  if (values.taxId !== undefined || values.country !== undefined || values.kind !== undefined) {
    const taxId = merged.taxId as string | null | undefined;
    if (taxId) {
      // a partner without a country is in Romania (the column's default), and its tax ID is checked as such
      const country = (merged.country as string | null | undefined) ?? 'RO';
      const result = validateTaxId(country, taxId, (merged.kind as 'company' | 'person') ?? 'company');
      if (result.ok) {
        values.taxId = result.normalized;
        values.taxIdKind = result.kind;
      } else errors.push({ path: 'taxId', message: result.message });
    } else if (values.taxId !== undefined) values.taxIdKind = null;
  }
  if (typeof values.iban === 'string' && values.iban) {
    const result = validateIban(values.iban);
    if (result.ok) values.iban = result.normalized;
    else errors.push({ path: 'iban', message: result.message });
  }
  if (typeof values.bic === 'string' && values.bic) {
    const result = validateBic(values.bic);
    if (result.ok) values.bic = result.normalized;
    else errors.push({ path: 'bic', message: result.message });
  }
  if (typeof values.country === 'string') values.country = values.country.toUpperCase();
  return errors;
}

/**
 * One live partner per tax number in a workspace, however it is written (the database's
 * kontakt_tax_id_key: country, number without prefix or separators): a second one is refused, naming the first.
 */
async function refuseDuplicateTaxId(trx: Trx, actor: Actor, country: unknown, taxId: unknown, exceptId: string | null): Promise<void> {
  if (typeof taxId !== 'string' || !taxId) return;
  const { rows } = await sql<{ name: string; readable: boolean }>`select p.name, ${readableBy(actor)} as readable from partner p
    where p.workspace_id = ${actor.workspaceId} and p.tax_id_key = kontakt_tax_id_key(${typeof country === 'string' ? country : null}::text, ${taxId}::text)
      and p.deleted_at is null and (${exceptId}::uuid is null or p.id <> ${exceptId}::uuid)
    order by p.created_at limit 1`.execute(trx);
  if (rows[0]) throw duplicateTaxId(rows[0].readable ? rows[0].name : null);
}

/** Whether the actor may read the partner row `p` (the duplicate is named only to those who may). */
const readableBy = (actor: Actor) => accessWhere(actor, getEntity('partner')!, 'read', 'p');

const duplicateTaxId = (name: string | null) =>
  name === null
    ? new AppError('CONFLICT', 'A partner with this tax ID already exists; ask an administrator', {
        errors: [{ path: 'taxId', message: 'validation.taxId.duplicateHidden' }],
      })
    : new AppError('CONFLICT', `A partner with this tax ID already exists: ${name}`, {
        errors: [{ path: 'taxId', message: 'validation.taxId.duplicate' }],
        details: { duplicateOf: name },
      });

function refuse(errors: FieldError[]): void {
  if (errors.length) throw new AppError('VALIDATION', 'Some identifiers are not valid', { errors });
}

export const partnerHooks: EntityHooks = {
  async beforeCreate({ trx, actor }, { values }) {
    refuse(normaliseIdentifiers(values, {}));
    await refuseDuplicateTaxId(trx, actor, values.country, values.taxId, null);
  },
  async beforeCreateMany({ trx, actor }, items) {
    const refusals: (AppError | null)[] = items.map(({ values }) => {
      const errors = normaliseIdentifiers(values, {});
      return errors.length ? new AppError('VALIDATION', 'Some identifiers are not valid', { errors }) : null;
    });
    const withTaxId = items.flatMap(({ values }, i) => (!refusals[i] && typeof values.taxId === 'string' && values.taxId ? [i] : []));
    if (!withTaxId.length) return refusals;
    const country = (i: number) => (typeof items[i]!.values.country === 'string' ? (items[i]!.values.country as string) : null);
    // each record's number and the partner already holding it, in one query
    const { rows } = await sql<{ key: string; holder: { name: string; readable: boolean } | null }>`select k.key, (select json_build_object('name', p.name, 'readable', ${readableBy(actor)}) from partner p
        where p.workspace_id = ${actor.workspaceId} and p.tax_id_key = k.key and p.deleted_at is null order by p.created_at limit 1) as holder
      from unnest(${withTaxId.map(country)}::text[], ${withTaxId.map((i) => items[i]!.values.taxId as string)}::text[]) with ordinality as u(country, tax_id, n)
      cross join lateral (select kontakt_tax_id_key(u.country, u.tax_id) as key) k
      order by u.n`.execute(trx);
    // the first record of the set with a number takes it; later ones are refused like any second partner
    const firstOf = new Map<string, string>();
    withTaxId.forEach((i, n) => {
      const { key, holder } = rows[n]!;
      const earlier = firstOf.get(key);
      if (holder !== null) refusals[i] = duplicateTaxId(holder.readable ? holder.name : null);
      else if (earlier !== undefined) refusals[i] = duplicateTaxId(earlier);
      else firstOf.set(key, String(items[i]!.values.name ?? ''));
    });
    return refusals;
  },
  async beforeUpdate({ trx, actor }, { before, patch }) {
    refuse(normaliseIdentifiers(patch, before));
    // a new number, or the same digits read in another country
    if (patch.taxId !== undefined) await refuseDuplicateTaxId(trx, actor, patch.country ?? before.country, patch.taxId, before.id);
    // a business card leaves the lead status once (converted, or moved on by an edit): lead-source reports follow it
    if (before.status === 'lead' && patch.status !== undefined && patch.status !== 'lead' && !before.convertedAt) patch.convertedAt = new Date().toISOString();
  },
  async beforeRestore({ trx, actor }, { before }) {
    // the number may have been given to another partner while this one was in the trash
    await refuseDuplicateTaxId(trx, actor, before.country, before.taxId, before.id);
  },
};

export const contactHooks: EntityHooks = {
  beforeCreate(_ctx, { values }) {
    if (values.consentEmail === true) values.consentAt = new Date().toISOString();
    if (typeof values.email === 'string') values.email = values.email.trim().toLowerCase();
  },
  beforeUpdate(_ctx, { before, patch }) {
    // the moment of consent is recorded when it is given, and cleared when withdrawn
    if (patch.consentEmail === true && before.consentEmail !== true) patch.consentAt = new Date().toISOString();
    if (patch.consentEmail === false) patch.consentAt = null;
    if (typeof patch.email === 'string') patch.email = patch.email.trim().toLowerCase();
  },
};
