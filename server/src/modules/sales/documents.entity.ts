import { sql } from 'kysely';
import type { Trx } from '../../platform/audit/record-change.ts';
import { AppError } from '../../platform/errors.ts';
import { defineEntity, type EntityHooks, type FieldDescriptor } from '../../platform/records/descriptor.ts';

export type DocKind = 'offer' | 'order';
type SeriesKind = DocKind | 'contract';

/** The language a partner reads: by country (RO, PL, HU, UA), else English. */
export const languageOf = (country: string | null | undefined) => ({ RO: 'ro', PL: 'pl', HU: 'hu', UA: 'uk' })[(country ?? '').toUpperCase()] ?? 'en';

/** Standard VAT rates (2026): Romania 21 % (since August 2025), Poland 23 %, Hungary 27 %, Ukraine 20 %. */
export const STANDARD_VAT: Record<string, string> = { RO: '21', PL: '23', HU: '27', UA: '20' };

/** Member states of the European Union (one VAT area for reverse charge). */
const EU = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']);

export type VatTreatment = 'domestic' | 'reverse_charge' | 'export';

/**
 * How VAT applies between the seller's country and the buyer: the seller's own rates at home and for
 * buyers without a VAT ID elsewhere in the EU; none for a company with a VAT ID in another EU country
 * (reverse charge: the buyer accounts for it); none for a buyer outside the seller's VAT area (export).
 * A buyer without a country is taken as at home.
 */
export function vatTreatment(sellerCountry: string, buyer: { country: string | null; taxId: string | null; kind: string | null }): VatTreatment {
  const country = buyer.country?.toUpperCase();
  if (!country || country === sellerCountry) return 'domestic';
  const bothEu = EU.has(country) && EU.has(sellerCountry);
  if (!bothEu) return 'export';
  return buyer.kind !== 'person' && buyer.taxId ? 'reverse_charge' : 'domestic';
}

const PREFIX: Record<SeriesKind, string> = { offer: 'OF', order: 'CMD', contract: 'CTR' };

/** The next number of a series, e.g. OF-2026-0007: one counter per workspace, kind and year, gap-free in its transaction. */
export async function nextNumber(trx: Trx, workspaceId: string, kind: SeriesKind, date: string): Promise<string> {
  const year = Number(date.slice(0, 4));
  const { rows } = await sql<{ lastNumber: number; prefix: string }>`
    insert into number_series (workspace_id, kind, year, prefix, last_number) values (${workspaceId}, ${kind}, ${year}, ${PREFIX[kind]}, 1)
    on conflict (workspace_id, kind, year) do update set last_number = number_series.last_number + 1
    returning last_number as "lastNumber", prefix`.execute(trx);
  return `${rows[0]!.prefix}-${year}-${String(rows[0]!.lastNumber).padStart(4, '0')}`;
}

function hooks(kind: DocKind): EntityHooks {
  return {
    async beforeCreate({ trx, actor }, { values }) {
      const partner = await trx.selectFrom('partner').select(['country']).where('id', '=', String(values.partnerId)).where('workspaceId', '=', actor.workspaceId).executeTakeFirst();
      if (!partner) throw new AppError('VALIDATION', 'No such partner', { errors: [{ path: 'partnerId', message: 'No partner with this id' }] });
      const ws = await trx.selectFrom('workspace').select('currency').where('id', '=', actor.workspaceId).executeTakeFirstOrThrow();
      values.issueDate ??= new Date().toISOString().slice(0, 10);
      values.currency ??= ws.currency;
      values.language ??= languageOf(partner.country);
      values.number = await nextNumber(trx, actor.workspaceId, kind, String(values.issueDate));
      if (kind === 'offer' && typeof values.validUntil === 'string' && values.validUntil < String(values.issueDate)) {
        throw new AppError('VALIDATION', 'The offer expires before it is issued', { errors: [{ path: 'validUntil', message: 'validation.endBeforeStart' }] });
      }
    },
    async beforeUpdate(_ctx, { before, patch }) {
      // the commercial content of a document is fixed once it left the house
      const locked = before.status !== 'draft';
      const content = ['partnerId', 'currency', 'issueDate', 'validUntil', 'deliveryDate', 'language'].filter((f) => patch[f] !== undefined);
      if (locked && content.length) {
        throw new AppError('RULE', `A ${kind} that is ${before.status} cannot be changed`, { errors: content.map((f) => ({ path: f, message: 'validation.documentLocked' })) });
      }
    },
  };
}

const common = (kind: DocKind): FieldDescriptor[] => [
  { name: 'number', column: 'number', type: 'string', readOnly: true, filterable: true, sortable: true, searchable: true },
  { name: 'status', column: 'status', type: 'enum', readOnly: true, values: kind === 'offer' ? ['draft', 'sent', 'accepted', 'rejected', 'expired'] : ['draft', 'confirmed', 'delivered', 'cancelled'], filterable: true, sortable: true },
  { name: 'partnerId', column: 'partner_id', type: 'reference', to: 'partner', required: true, filterable: true },
  { name: 'contactId', column: 'contact_id', type: 'reference', to: 'contact', filterable: true },
  { name: 'opportunityId', column: 'opportunity_id', type: 'reference', to: 'opportunity', filterable: true },
  { name: 'issueDate', column: 'issue_date', type: 'date', filterable: true, sortable: true, notNull: true },
  { name: 'currency', column: 'currency', type: 'string', max: 3, filterable: true, refine: (s) => s.refine((v) => v == null || /^[A-Z]{3}$/.test(String(v)), 'An ISO currency like RON') },
  { name: 'language', column: 'language', type: 'enum', values: ['en', 'ro', 'pl', 'hu', 'uk'] },
  { name: 'notes', column: 'notes', type: 'text', max: 10_000 },
  { name: 'subtotal', column: 'subtotal', type: 'money', readOnly: true, currencyField: 'currency', filterable: true, sortable: true },
  { name: 'vatTotal', column: 'vat_total', type: 'money', readOnly: true, currencyField: 'currency' },
  { name: 'vatTreatment', column: 'vat_treatment', type: 'enum', values: ['domestic', 'reverse_charge', 'export'], readOnly: true, filterable: true },
  { name: 'total', column: 'total', type: 'money', readOnly: true, currencyField: 'currency', filterable: true, sortable: true },
  { name: 'ownerId', column: 'owner_id', type: 'reference', to: 'user', filterable: true },
  { name: 'orgUnitId', column: 'org_unit_id', type: 'reference', to: 'orgUnit', filterable: true },
];

/** Offers (S4): numbered OF-year-n, lines from the catalogue, sent as PDF, accepted or rejected, expiring. */
export const offerEntity = defineEntity({
  name: 'offer',
  resource: 'offers',
  table: 'offer',
  area: 'sales',
  labelKey: 'entities.offer',
  scope: { ownerColumns: ['owner_id'], orgUnitColumn: 'org_unit_id' },
  customFields: true,
  defaultSort: '-issueDate',
  fields: [
    ...common('offer'),
    { name: 'validUntil', column: 'valid_until', type: 'date', filterable: true, sortable: true },
    { name: 'sentAt', column: 'sent_at', type: 'datetime', readOnly: true, filterable: true, sortable: true },
    { name: 'decidedAt', column: 'decided_at', type: 'datetime', readOnly: true, filterable: true, sortable: true },
  ],
  relations: [{ name: 'partner', entity: 'partner', kind: 'belongsTo', column: 'partner_id' }],
  search: { title: ['number'], body: ['notes'] },
  hooks: hooks('offer'),
});

/** Orders (S4): numbered CMD-year-n, from an accepted offer or an opportunity in negotiation; confirmed orders are turnover. */
export const orderEntity = defineEntity({
  name: 'order',
  resource: 'orders',
  table: 'sales_order',
  area: 'sales',
  labelKey: 'entities.order',
  scope: { ownerColumns: ['owner_id'], orgUnitColumn: 'org_unit_id' },
  customFields: true,
  defaultSort: '-issueDate',
  fields: [
    ...common('order'),
    { name: 'offerId', column: 'offer_id', type: 'reference', to: 'offer', filterable: true },
    { name: 'deliveryDate', column: 'delivery_date', type: 'date', filterable: true, sortable: true },
    { name: 'confirmedAt', column: 'confirmed_at', type: 'datetime', readOnly: true, filterable: true, sortable: true },
  ],
  relations: [{ name: 'partner', entity: 'partner', kind: 'belongsTo', column: 'partner_id' }],
  search: { title: ['number'], body: ['notes'] },
  hooks: hooks('order'),
});
