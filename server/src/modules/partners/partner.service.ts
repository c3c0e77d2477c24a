import { sql } from 'kysely';
import type { Trx } from '../../platform/audit/record-change.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import type { EntityHooks, RecordValues } from '../../platform/records/descriptor.ts';
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

/** One partner per tax ID in a workspace: a second one is refused, naming the first. */
async function refuseDuplicateTaxId(trx: Trx, workspaceId: string, taxId: unknown, exceptId: string | null): Promise<void> {
  if (typeof taxId !== 'string' || !taxId) return;
  const { rows } = await sql<{ name: string }>`select name from partner
    where workspace_id = ${workspaceId} and tax_id = ${taxId} and deleted_at is null
      and (${exceptId}::uuid is null or id <> ${exceptId}::uuid) limit 1`.execute(trx);
  if (rows[0]) throw duplicateTaxId(rows[0].name);
}

const duplicateTaxId = (name: string) =>
  new AppError('CONFLICT', `A partner with this tax ID already exists: ${name}`, {
    errors: [{ path: 'taxId', message: 'validation.taxId.duplicate' }],
    details: { duplicateOf: name },
  });

function refuse(errors: FieldError[]): void {
  if (errors.length) throw new AppError('VALIDATION', 'Some identifiers are not valid', { errors });
}

export const partnerHooks: EntityHooks = {
  async beforeCreate({ trx, actor }, { values }) {
    refuse(normaliseIdentifiers(values, {}));
    await refuseDuplicateTaxId(trx, actor.workspaceId, values.taxId, null);
  },
  async beforeCreateMany({ trx, actor }, items) {
    const refusals: (AppError | null)[] = items.map(({ values }) => {
      const errors = normaliseIdentifiers(values, {});
      return errors.length ? new AppError('VALIDATION', 'Some identifiers are not valid', { errors }) : null;
    });
    const taxIds = [...new Set(items.flatMap(({ values }, i) => (!refusals[i] && typeof values.taxId === 'string' && values.taxId ? [values.taxId] : [])))];
    if (!taxIds.length) return refusals;
    const { rows } = await sql<{ taxId: string; name: string }>`select distinct on (tax_id) tax_id as "taxId", name from partner
      where workspace_id = ${actor.workspaceId} and tax_id = any(${taxIds}::text[]) and deleted_at is null`.execute(trx);
    const holder = new Map(rows.map((r) => [r.taxId, r.name]));
    return items.map(({ values }, i) => {
      const name = typeof values.taxId === 'string' ? holder.get(values.taxId) : undefined;
      return refusals[i] ?? (name === undefined ? null : duplicateTaxId(name));
    });
  },
  async beforeUpdate({ trx, actor }, { before, patch }) {
    refuse(normaliseIdentifiers(patch, before));
    if (patch.taxId !== undefined) await refuseDuplicateTaxId(trx, actor.workspaceId, patch.taxId, before.id);
    // a business card leaves the lead status once (converted, or moved on by an edit): lead-source reports follow it
    if (before.status === 'lead' && patch.status !== undefined && patch.status !== 'lead' && !before.convertedAt) patch.convertedAt = new Date().toISOString();
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
