import { sql } from 'kysely';
import type { Trx } from '../../platform/audit/record-change.ts';
import { AppError, validation } from '../../platform/errors.ts';
import { defineEntity } from '../../platform/records/descriptor.ts';
import { keyValueSchema } from '../partners/lists.ts';

const DECIMAL4 = /^\d{1,14}(\.\d{1,4})?$/;

/** Products and services of the catalogue (S5): code, unit, group, characteristics, cost, VAT rate. */
export const productEntity = defineEntity({
  name: 'product',
  resource: 'products',
  table: 'product',
  area: 'sales',
  labelKey: 'entities.product',
  scope: 'workspace',
  readableByMembers: true,
  customFields: true,
  defaultSort: 'name',
  fields: [
    { name: 'code', column: 'code', type: 'string', required: true, max: 60, filterable: true, sortable: true, searchable: true },
    { name: 'name', column: 'name', type: 'string', required: true, max: 300, filterable: true, sortable: true, searchable: true },
    { name: 'kind', column: 'kind', type: 'enum', values: ['product', 'service'], filterable: true, sortable: true },
    { name: 'productGroup', column: 'product_group', type: 'string', max: 100, filterable: true, sortable: true },
    { name: 'unit', column: 'unit', type: 'string', max: 20, filterable: true },
    { name: 'description', column: 'description', type: 'text', max: 20_000 },
    { name: 'characteristics', column: 'characteristics', type: 'json', refine: () => keyValueSchema(50) },
    { name: 'cost', column: 'cost', type: 'money', currencyField: 'costCurrency', filterable: true, sortable: true, refine: (s) => s.refine((v) => v == null || DECIMAL4.test(String(v)), 'A non-negative amount with at most 4 decimals') },
    { name: 'costCurrency', column: 'cost_currency', type: 'string', max: 3 },
    { name: 'vatRate', column: 'vat_rate', type: 'number', filterable: true, sortable: true, refine: (s) => s.refine((v) => v == null || (Number(v) >= 0 && Number(v) < 100), '0–99.99') },
    { name: 'active', column: 'active', type: 'boolean', filterable: true, sortable: true },
    { name: 'photoAttachmentId', column: 'photo_attachment_id', type: 'uuid' },
  ],
  search: { title: ['name'], subtitle: ['code'], body: ['description'] },
  hooks: {
    async beforeCreate({ trx, actor }, { id, values }) {
      await uniqueCode(trx, actor.workspaceId, values.code, null);
      if (values.photoAttachmentId) await requirePhoto(trx, actor.workspaceId, id, values.photoAttachmentId);
    },
    async beforeUpdate({ trx, actor }, { before, patch }) {
      if (patch.code !== undefined) await uniqueCode(trx, actor.workspaceId, patch.code, before.id);
      if (patch.photoAttachmentId) await requirePhoto(trx, actor.workspaceId, before.id, patch.photoAttachmentId);
    },
  },
});

/** Image types shown as a product photo (no SVG: it can carry scripts). */
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

/** A product's photo is an image attached to that product (the type as read from the file's content). */
async function requirePhoto(trx: Trx, workspaceId: string, productId: string, attachmentId: unknown) {
  const { rows } = await sql<{ mimeType: string }>`select mime_type as "mimeType" from attachment
    where id = ${String(attachmentId)}::uuid and workspace_id = ${workspaceId} and entity = 'product' and record_id = ${productId}::uuid
      and deleted_at is null`.execute(trx);
  if (!rows[0]) throw validation([{ path: 'photoAttachmentId', message: 'validation.photoNotAttached' }]);
  if (!PHOTO_TYPES.includes(rows[0].mimeType)) throw validation([{ path: 'photoAttachmentId', message: 'validation.photoNotImage' }]);
}

async function uniqueCode(trx: Trx, workspaceId: string, code: unknown, exceptId: string | null) {
  const { rows } = await sql<{ name: string }>`select name from product where workspace_id = ${workspaceId} and lower(code) = lower(${String(code)})
    and deleted_at is null and (${exceptId}::uuid is null or id <> ${exceptId}::uuid) limit 1`.execute(trx);
  if (rows[0]) throw new AppError('CONFLICT', `The code is taken by ${rows[0].name}`, { errors: [{ path: 'code', message: 'validation.codeTaken' }] });
}

/**
 * Price lists (S5): a kind (wholesale, retail, with delivery …), a currency and a validity period.
 * Two active lists of the same kind and currency never overlap in time: the price of a product on
 * a day is never ambiguous.
 */
export const priceListEntity = defineEntity({
  name: 'priceList',
  resource: 'price-lists',
  table: 'price_list',
  area: 'sales',
  labelKey: 'entities.priceList',
  scope: 'workspace',
  readableByMembers: true,
  customFields: false,
  defaultSort: '-validFrom',
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, max: 200, filterable: true, sortable: true, searchable: true },
    { name: 'kind', column: 'kind', type: 'enum', values: ['wholesale', 'retail', 'delivery', 'other'], filterable: true, sortable: true },
    { name: 'currency', column: 'currency', type: 'string', required: true, max: 3, filterable: true, refine: (s) => s.refine((v) => v == null || /^[A-Z]{3}$/.test(String(v)), 'An ISO currency like RON') },
    { name: 'validFrom', column: 'valid_from', type: 'date', required: true, filterable: true, sortable: true, notNull: true },
    { name: 'validTo', column: 'valid_to', type: 'date', filterable: true, sortable: true },
    { name: 'active', column: 'active', type: 'boolean', filterable: true, sortable: true },
  ],
  search: { title: ['name'] },
  hooks: {
    async beforeCreate({ trx, actor }, { values }) {
      await refuseOverlap(trx, actor.workspaceId, { kind: 'retail', active: true, ...values }, null);
    },
    async beforeUpdate({ trx, actor }, { before, patch }) {
      await refuseOverlap(trx, actor.workspaceId, { ...before, ...patch }, before.id);
    },
  },
});

async function refuseOverlap(trx: Trx, workspaceId: string, list: Record<string, unknown>, exceptId: string | null) {
  if (typeof list.validTo === 'string' && typeof list.validFrom === 'string' && list.validTo < list.validFrom) {
    throw new AppError('VALIDATION', 'The list ends before it starts', { errors: [{ path: 'validTo', message: 'validation.endBeforeStart' }] });
  }
  if (list.active === false) return;
  const { rows } = await sql<{ name: string; validFrom: string; validTo: string | null }>`
    select name, valid_from::text as "validFrom", valid_to::text as "validTo" from price_list
    where workspace_id = ${workspaceId} and deleted_at is null and active and kind = ${String(list.kind ?? 'retail')}
      and currency = ${String(list.currency)} and (${exceptId}::uuid is null or id <> ${exceptId}::uuid)
      and daterange(valid_from, valid_to, '[]') && daterange(${String(list.validFrom)}::date, ${(list.validTo as string | null) ?? null}::date, '[]')
    limit 1`.execute(trx);
  if (rows[0]) {
    throw new AppError('CONFLICT', `The price list "${rows[0].name}" (${rows[0].validFrom} – ${rows[0].validTo ?? '…'}) covers part of this period`, {
      errors: [{ path: 'validFrom', message: 'validation.priceListOverlap' }],
    });
  }
}
