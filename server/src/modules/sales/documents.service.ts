import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { recordChange, type Trx } from '../../platform/audit/record-change.ts';
import { AppError, type FieldError, validation } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { EntityDescriptor, RecordRow } from '../../platform/records/descriptor.ts';
import { findRecord } from '../../platform/records/query.ts';
import { createRecord, inTransaction } from '../../platform/records/write.ts';
import { workspaceCalendar } from '../calendar/calendar.service.ts';
import { type DocKind, offerEntity, orderEntity, STANDARD_VAT, vatTreatment } from './documents.entity.ts';
import { documentPdf } from './documents.pdf.ts';
import { opportunityEntity } from './opportunity.entity.ts';
import { pipelineStages } from './pipeline.service.ts';

export const entityOf = (kind: DocKind): EntityDescriptor => (kind === 'offer' ? offerEntity : orderEntity);
const tableOf = (kind: DocKind) => (kind === 'offer' ? 'offer' : 'sales_order');

export interface LineInput {
  productId?: string | null | undefined;
  description?: string | undefined;
  quantity: string;
  unit?: string | undefined;
  unitPrice?: string | undefined;
  discountPercent?: string | undefined;
  vatRate?: string | undefined;
}

export interface Line {
  id: string;
  position: number;
  productId: string | null;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  discountPercent: string;
  vatRate: string;
  net: string;
  vat: string;
  gross: string;
}

export async function documentLines(db: Kysely<DB>, documentId: string): Promise<Line[]> {
  const { rows } = await sql<Line>`select id, position, product_id as "productId", description, quantity::text, unit, unit_price::text as "unitPrice",
      discount_percent::text as "discountPercent", vat_rate::text as "vatRate", net::text, vat::text, gross::text
    from document_line where document_id = ${documentId}::uuid order by position`.execute(db);
  return rows;
}

/**
 * Replaces a draft document's lines: products of the catalogue give description, unit, price (from
 * the price list valid on the issue day in the document's currency, unless a price is given) and VAT
 * (else, at home, the seller's standard rate; across borders none: reverse charge or export, see vatTreatment); amounts are computed by the database's exact
 * numeric arithmetic, rounded to cents per line, and summed into the document's totals.
 */
export async function writeLines(trx: Trx, actor: Actor, kind: DocKind, doc: RecordRow, lines: LineInput[]): Promise<void> {
  const productIds = [...new Set(lines.flatMap((l) => (l.productId ? [l.productId] : [])))];
  const products = productIds.length
    ? (
        await sql<{ id: string; name: string; unit: string; vatRate: string | null; price: string | null }>`
          select p.id, p.name, p.unit, p.vat_rate::text as "vatRate",
            (select i.price::text from price_list_item i join price_list l on l.id = i.price_list_id
              where i.product_id = p.id and l.workspace_id = p.workspace_id and l.deleted_at is null and l.active
                and l.currency = ${String(doc.currency)} and ${String(doc.issueDate)}::date between l.valid_from and coalesce(l.valid_to, 'infinity'::date)
              order by (l.kind = 'retail') desc, l.valid_from desc limit 1) as price
          from product p where p.workspace_id = ${actor.workspaceId} and p.deleted_at is null and p.id = any(${productIds}::uuid[])`.execute(trx)
      ).rows
    : [];
  const partner = await trx.selectFrom('partner').select(['country', 'taxId', 'kind']).where('id', '=', String(doc.partnerId)).executeTakeFirstOrThrow();
  const seller = (await workspaceCalendar(trx, actor.workspaceId)).country;
  const treatment = vatTreatment(seller, partner);
  const errors: FieldError[] = [];
  const rows = lines.map((l, i) => {
    const product = l.productId ? products.find((p) => p.id === l.productId) : undefined;
    if (l.productId && !product) errors.push({ path: `lines.${i}.productId`, message: 'No such product' });
    const unitPrice = l.unitPrice ?? product?.price ?? null;
    if (unitPrice === null) errors.push({ path: `lines.${i}.unitPrice`, message: 'validation.noPrice' });
    const description = l.description ?? product?.name;
    if (!description) errors.push({ path: `lines.${i}.description`, message: 'validation.required' });
    // a rate given on the line stands; else none across borders, the product's or the seller's at home
    const vatRate = l.vatRate ?? (treatment === 'domestic' ? (product?.vatRate ?? STANDARD_VAT[seller] ?? '0') : '0');
    return { position: i, productId: l.productId ?? null, description: description ?? '', quantity: l.quantity, unit: l.unit ?? product?.unit ?? 'pcs', unitPrice: unitPrice ?? '0', discountPercent: l.discountPercent ?? '0', vatRate };
  });
  if (errors.length) throw validation(errors, 'Some lines are not complete');
  await trx.deleteFrom('documentLine').where('documentId', '=', doc.id).execute();
  if (rows.length) {
    await sql`insert into document_line (id, workspace_id, document_id, position, product_id, description, quantity, unit, unit_price, discount_percent, vat_rate, net, vat, gross)
      select r.id, ${actor.workspaceId}::uuid, ${doc.id}::uuid, r.position, r.product_id, r.description, r.quantity, r.unit, r.unit_price, r.discount_percent, r.vat_rate,
        c.net, round(c.net * r.vat_rate / 100, 2), c.net + round(c.net * r.vat_rate / 100, 2)
      from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ id: newId(), position: r.position, product_id: r.productId, description: r.description, quantity: r.quantity, unit: r.unit, unit_price: r.unitPrice, discount_percent: r.discountPercent, vat_rate: r.vatRate })))}::jsonb)
        as r(id uuid, position int, product_id uuid, description text, quantity numeric, unit text, unit_price numeric, discount_percent numeric, vat_rate numeric)
      cross join lateral (select round(r.quantity * r.unit_price * (100 - r.discount_percent) / 100, 2) as net) c`.execute(trx);
  }
  await sql`update ${sql.table(tableOf(kind))} d set
      subtotal = coalesce(t.net, 0), vat_total = coalesce(t.vat, 0), total = coalesce(t.gross, 0), vat_treatment = ${treatment}, updated_at = now(), updated_by = ${actor.userId}::uuid, version = version + 1
    from (select sum(net) as net, sum(vat) as vat, sum(gross) as gross from document_line where document_id = ${doc.id}::uuid) t
    where d.id = ${doc.id}::uuid`.execute(trx);
  const totals = await sql<{ subtotal: string; vatTotal: string; total: string }>`select subtotal::text, vat_total::text as "vatTotal", total::text from ${sql.table(tableOf(kind))} where id = ${doc.id}::uuid`.execute(trx);
  await recordChange(trx, {
    workspaceId: actor.workspaceId,
    entity: kind,
    recordId: doc.id,
    action: 'updated',
    actorId: actor.userId,
    changes: { lines: [null, rows.length], total: [String(doc.total ?? '0.00'), totals.rows[0]!.total] },
    payload: { partnerId: String(doc.partnerId), title: String(doc.number) },
  });
}

/** Replaces the lines of a draft (optimistic lock on the document's version). */
export async function replaceLines(db: Kysely<DB>, actor: Actor, kind: DocKind, id: string, version: number, lines: LineInput[]) {
  return inTransaction(db, async (trx) => {
    const doc = await findRecord(trx, actor, entityOf(kind), id, { action: 'update', forUpdate: true });
    if (doc.version !== version) throw new AppError('VERSION_CONFLICT', 'The document was changed by someone else; reload it', { details: { currentVersion: doc.version } });
    if (doc.status !== 'draft') throw new AppError('RULE', `Only a draft ${kind} can be changed`, { errors: [{ path: 'lines', message: 'validation.documentLocked' }] });
    await writeLines(trx, actor, kind, doc, lines);
    return findRecord(trx, actor, entityOf(kind), id);
  });
}

/** A status change allowed from the given states, with its time stamp; audited through the records engine. */
async function transition(db: Kysely<DB>, actor: Actor, kind: DocKind, id: string, from: string[], to: string, stamp: Record<string, unknown> = {}) {
  return inTransaction(db, async (trx) => {
    const doc = await findRecord(trx, actor, entityOf(kind), id, { action: 'update', forUpdate: true });
    if (!from.includes(String(doc.status))) {
      throw new AppError('RULE', `A ${kind} that is ${doc.status} cannot become ${to}`, { errors: [{ path: 'status', message: `validation.documentStatus.${to}` }] });
    }
    await sql`update ${sql.table(tableOf(kind))} set status = ${to}, updated_at = now(), updated_by = ${actor.userId}::uuid, version = version + 1 where id = ${id}::uuid`.execute(trx);
    for (const [column, value] of Object.entries(stamp)) {
      await sql`update ${sql.table(tableOf(kind))} set ${sql.ref(column)} = ${value as string} where id = ${id}::uuid`.execute(trx);
    }
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: kind,
      recordId: id,
      action: to,
      actorId: actor.userId,
      changes: { status: [String(doc.status), to] },
      payload: { partnerId: String(doc.partnerId), title: String(doc.number), total: String(doc.total), currency: String(doc.currency) },
    });
    return findRecord(trx, actor, entityOf(kind), id);
  });
}

export const acceptOffer = (db: Kysely<DB>, actor: Actor, id: string) => transition(db, actor, 'offer', id, ['sent', 'draft'], 'accepted', { decided_at: new Date().toISOString() });
export const rejectOffer = (db: Kysely<DB>, actor: Actor, id: string) => transition(db, actor, 'offer', id, ['sent', 'draft'], 'rejected', { decided_at: new Date().toISOString() });
export const confirmOrder = (db: Kysely<DB>, actor: Actor, id: string) => transition(db, actor, 'order', id, ['draft'], 'confirmed', { confirmed_at: new Date().toISOString() });
export const deliverOrder = (db: Kysely<DB>, actor: Actor, id: string) => transition(db, actor, 'order', id, ['confirmed'], 'delivered');
export const cancelOrder = (db: Kysely<DB>, actor: Actor, id: string) => transition(db, actor, 'order', id, ['draft', 'confirmed'], 'cancelled');

/**
 * A document from an opportunity: only when its stage allows that kind (per seed 004, offers from
 * the Offer stage, orders from Negotiation); partner, contact, owner and currency come along.
 */
export async function documentFromOpportunity(db: Kysely<DB>, actor: Actor, kind: DocKind, opportunityId: string, input: { lines?: LineInput[] | undefined; validUntil?: string | undefined }) {
  return inTransaction(db, async (trx) => {
    const opp = await findRecord(trx, actor, opportunityEntity, opportunityId);
    const stage = (await pipelineStages(trx, actor.workspaceId, String(opp.pipelineId))).find((s) => s.id === opp.stageId);
    if (!stage?.allowsDocuments?.includes(kind)) {
      throw new AppError('RULE', `An ${kind} cannot be made from an opportunity in the stage "${stage?.name ?? '?'}"`, {
        errors: [{ path: 'stageId', message: `validation.stageAllows.${kind}` }],
        details: { stage: stage?.name },
      });
    }
    if (!opp.partnerId) throw validation([{ path: 'partnerId', message: 'validation.stageRequires' }]);
    const doc = await createRecord(trx, actor, entityOf(kind), {
      partnerId: opp.partnerId,
      contactId: opp.contactId ?? null,
      opportunityId,
      ...(opp.currency ? { currency: opp.currency } : {}),
      ...(kind === 'offer' && input.validUntil ? { validUntil: input.validUntil } : {}),
    });
    const lines = input.lines ?? (opp.amount ? [{ description: String(opp.name), quantity: '1', unitPrice: String(opp.amount) }] : []);
    if (lines.length) await writeLines(trx, actor, kind, doc, lines);
    return findRecord(trx, actor, entityOf(kind), doc.id);
  });
}

/** An order from an accepted offer, with the same lines (an opportunity behind it must be in a stage allowing orders). */
export async function orderFromOffer(db: Kysely<DB>, actor: Actor, offerId: string) {
  return inTransaction(db, async (trx) => {
    const offer = await findRecord(trx, actor, offerEntity, offerId);
    if (offer.status !== 'accepted') throw new AppError('RULE', 'Only an accepted offer becomes an order', { errors: [{ path: 'status', message: 'validation.offerNotAccepted' }] });
    if (offer.opportunityId) {
      const opp = await findRecord(trx, actor, opportunityEntity, String(offer.opportunityId));
      const stage = (await pipelineStages(trx, actor.workspaceId, String(opp.pipelineId))).find((s) => s.id === opp.stageId);
      if (!stage?.allowsDocuments?.includes('order') && stage?.outcome !== 'won') {
        throw new AppError('RULE', `An order cannot be made while the opportunity is in the stage "${stage?.name ?? '?'}"`, {
          errors: [{ path: 'stageId', message: 'validation.stageAllows.order' }],
          details: { stage: stage?.name },
        });
      }
    }
    const order = await createRecord(trx, actor, orderEntity, {
      partnerId: offer.partnerId,
      contactId: offer.contactId ?? null,
      opportunityId: offer.opportunityId ?? null,
      offerId,
      currency: offer.currency,
      language: offer.language,
    });
    const lines = await documentLines(trx, offerId);
    await writeLines(
      trx,
      actor,
      'order',
      order,
      lines.map((l) => ({ productId: l.productId, description: l.description, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, discountPercent: l.discountPercent, vatRate: l.vatRate })),
    );
    return findRecord(trx, actor, orderEntity, order.id);
  });
}

/** The document as PDF in its language, with the seller's and buyer's details. */
export async function renderDocument(db: Kysely<DB>, actor: Actor, kind: DocKind, id: string) {
  const doc = await findRecord(db, actor, entityOf(kind), id);
  const lines = await documentLines(db, id);
  const partner = await db.selectFrom('partner').select(['name', 'taxId', 'street', 'city', 'postalCode', 'country', 'email']).where('id', '=', String(doc.partnerId)).executeTakeFirstOrThrow();
  const seller = await db.selectFrom('workspace').select(['name']).where('id', '=', actor.workspaceId).executeTakeFirstOrThrow();
  return { doc, partner, pdf: await documentPdf(kind, doc, lines, partner, seller.name) };
}

/**
 * E-mails an offer (or order) as PDF to the partner (or a given address) through the mail outbox,
 * once per document version; an offer that was a draft becomes sent.
 */
export async function sendDocument(db: Kysely<DB>, mailer: Mailer, actor: Actor, kind: DocKind, id: string, input: { to?: string | undefined; message?: string | undefined }) {
  const { doc, partner, pdf } = await renderDocument(db, actor, kind, id);
  const to = input.to ?? partner.email;
  if (!to) throw validation([{ path: 'to', message: 'The partner has no e-mail address; give one' }]);
  const subject = `${String(doc.number)} — ${partner.name}`;
  await inTransaction(db, async (trx) => {
    await mailer.send(
      {
        workspaceId: actor.workspaceId,
        to,
        subject,
        text: input.message ?? subject,
        attachments: [{ filename: `${String(doc.number)}.pdf`, contentType: 'application/pdf', content: pdf }],
        dedupeKey: `${kind}:${id}:v${doc.version}:${to}`,
      },
      trx,
    );
    if (kind === 'offer' && doc.status === 'draft') {
      await sql`update offer set status = 'sent', sent_at = now(), updated_at = now(), updated_by = ${actor.userId}::uuid, version = version + 1 where id = ${id}::uuid`.execute(trx);
    }
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: kind,
      recordId: id,
      action: 'sent',
      actorId: actor.userId,
      changes: kind === 'offer' && doc.status === 'draft' ? { status: ['draft', 'sent'] } : {},
      payload: { partnerId: String(doc.partnerId), title: String(doc.number), to },
    });
  });
  return findRecord(db, actor, entityOf(kind), id);
}

/** Offers sent and past their validity become expired (a scheduled job); returns how many. */
export async function expireOffers(db: Kysely<DB>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string; workspaceId: string; partnerId: string; number: string }>`
      update offer set status = 'expired', updated_at = now(), version = version + 1
      where status = 'sent' and valid_until < current_date and deleted_at is null
      returning id, workspace_id as "workspaceId", partner_id as "partnerId", number`.execute(trx);
    for (const r of rows) {
      await recordChange(trx, { workspaceId: r.workspaceId, entity: 'offer', recordId: r.id, action: 'expired', actorId: null, changes: { status: ['sent', 'expired'] }, payload: { partnerId: r.partnerId, title: r.number } });
    }
    return rows.length;
  });
}
