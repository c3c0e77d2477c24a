import ExcelJS from 'exceljs';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { drawTable, newPdf, pdfBytes } from '../../platform/documents/pdf.ts';
import { validation } from '../../platform/errors.ts';
import { requireEntityPermission } from '../../platform/records/access.ts';
import { findRecord } from '../../platform/records/query.ts';
import { inTransaction } from '../../platform/records/write.ts';
import { priceListEntity, productEntity } from './product.entity.ts';

export interface PriceItem {
  productId: string;
  code: string;
  name: string;
  unit: string;
  productGroup: string | null;
  /** null: the product has no VAT rate set */
  vatRate: string | null;
  price: string;
}

/** The items of a price list with their products, by group and name. */
export async function priceListItems(db: Kysely<DB>, actor: Actor, listId: string): Promise<PriceItem[]> {
  await findRecord(db, actor, priceListEntity, listId);
  const { rows } = await sql<PriceItem>`select i.product_id as "productId", p.code, p.name, p.unit, p.product_group as "productGroup",
      p.vat_rate::text as "vatRate", i.price::text as price
    from price_list_item i join product p on p.id = i.product_id
    where i.workspace_id = ${actor.workspaceId} and p.workspace_id = ${actor.workspaceId} and i.price_list_id = ${listId}::uuid and p.deleted_at is null
    order by p.product_group nulls last, p.name, p.id`.execute(db);
  return rows;
}

/**
 * Sets prices of products in a list (one transaction, audited as a change of the list): products
 * must be live products of the workspace; prices non-negative with at most 4 decimals.
 */
export async function setPrices(db: Kysely<DB>, actor: Actor, listId: string, items: { productId: string; price: string | null }[]) {
  requireEntityPermission(actor, priceListEntity, 'update');
  await findRecord(db, actor, priceListEntity, listId, { action: 'update' });
  const ids = [...new Set(items.map((i) => i.productId))];
  if (ids.length !== items.length) throw validation([{ path: 'items', message: 'Each product once' }]);
  return inTransaction(db, async (trx) => {
    const known = await trx.selectFrom('product').select('id').where('workspaceId', '=', actor.workspaceId).where('deletedAt', 'is', null).where('id', 'in', ids).execute();
    const missing = items.map((i, n) => [i, n] as const).filter(([i]) => !known.some((k) => k.id === i.productId));
    if (missing.length) throw validation(missing.map(([, n]) => ({ path: `items.${n}.productId`, message: 'No such product' })));
    const before = await trx.selectFrom('priceListItem').select(['productId', 'price']).where('priceListId', '=', listId).where('productId', 'in', ids).execute();
    const changes: Record<string, [string | null, string | null]> = {};
    for (const item of items) {
      const old = before.find((b) => b.productId === item.productId)?.price ?? null;
      if (item.price === null) {
        await trx.deleteFrom('priceListItem').where('priceListId', '=', listId).where('productId', '=', item.productId).execute();
      } else {
        await trx
          .insertInto('priceListItem')
          .values({ priceListId: listId, productId: item.productId, workspaceId: actor.workspaceId, price: item.price, updatedBy: actor.userId })
          .onConflict((oc) => oc.columns(['priceListId', 'productId']).doUpdateSet({ price: item.price!, updatedAt: new Date(), updatedBy: actor.userId }))
          .execute();
      }
      const now = item.price === null ? null : Number(item.price).toFixed(4);
      if ((old === null ? null : Number(old).toFixed(4)) !== now) changes[`price.${item.productId}`] = [old, now];
    }
    if (Object.keys(changes).length) {
      await recordChange(trx, { workspaceId: actor.workspaceId, entity: 'priceList', recordId: listId, action: 'updated', actorId: actor.userId, changes });
    }
    return Object.keys(changes).length;
  });
}

/** A product's price in every list, newest period first: its price history and today's prices. */
export async function productPrices(db: Kysely<DB>, actor: Actor, productId: string, on?: string) {
  await findRecord(db, actor, productEntity, productId);
  const { rows } = await sql<{ priceListId: string; listName: string; kind: string; currency: string; validFrom: string; validTo: string | null; price: string; active: boolean }>`
    select l.id as "priceListId", l.name as "listName", l.kind, l.currency, l.valid_from::text as "validFrom", l.valid_to::text as "validTo",
      i.price::text as price, l.active
    from price_list_item i join price_list l on l.id = i.price_list_id
    where i.product_id = ${productId}::uuid and l.workspace_id = ${actor.workspaceId} and l.deleted_at is null
      and (${on ?? null}::date is null or (l.active and ${on ?? null}::date between l.valid_from and coalesce(l.valid_to, 'infinity'::date)))
    order by l.valid_from desc, l.kind`.execute(db);
  return rows;
}

/** The printable price list: XLSX or PDF (fonts for every language of the region). */
export async function exportPriceList(db: Kysely<DB>, actor: Actor, listId: string, format: 'xlsx' | 'pdf'): Promise<{ body: Buffer; fileName: string; type: string }> {
  requireEntityPermission(actor, priceListEntity, 'export');
  const list = await findRecord(db, actor, priceListEntity, listId);
  const items = await priceListItems(db, actor, listId);
  const base = String(list.name).replace(/[\\/:*?"<>|]+/g, '-');
  const period = `${list.validFrom} – ${list.validTo ?? '…'}`;
  if (format === 'xlsx') {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(String(list.name).slice(0, 31).replace(/[\\/*?:[\]]/g, ' '));
    sheet.addRow([String(list.name), period, String(list.currency)]).font = { bold: true };
    sheet.addRow([]);
    sheet.addRow(['Code', 'Name', 'Group', 'Unit', 'VAT %', `Price (${list.currency})`]).font = { bold: true };
    for (const i of items) sheet.addRow([i.code, i.name, i.productGroup ?? '', i.unit, i.vatRate === null ? '' : Number(i.vatRate), Number(i.price)]);
    sheet.getColumn(6).numFmt = '#,##0.00##';
    sheet.columns.forEach((c, n) => {
      c.width = [14, 40, 18, 8, 8, 16][n];
    });
    return { body: Buffer.from(await book.xlsx.writeBuffer()), fileName: `${base}.xlsx`, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  }
  const doc = newPdf({ title: String(list.name) });
  doc.font('bold').fontSize(16).text(String(list.name));
  doc.font('regular').fontSize(10).fillColor('#555555').text(`${period} · ${list.currency}`).fillColor('#000000').moveDown();
  drawTable(
    doc,
    [
      { header: 'Code', width: 70 },
      { header: 'Name', width: 220 },
      { header: 'Group', width: 90 },
      { header: 'Unit', width: 40 },
      { header: `${list.currency}`, width: 79, align: 'right' },
    ],
    items.map((i) => [i.code, i.name, i.productGroup ?? '', i.unit, Number(i.price).toFixed(2)]),
  );
  return { body: await pdfBytes(doc), fileName: `${base}.pdf`, type: 'application/pdf' };
}
