import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { contentDisposition } from '../../platform/files/attachments.ts';
import { findRecord } from '../../platform/records/query.ts';
import { registerEntityRoutes } from '../../platform/records/routes.ts';
import type { DocKind } from './documents.entity.ts';
import {
  acceptOffer,
  cancelOrder,
  confirmOrder,
  deliverOrder,
  documentFromOpportunity,
  documentLines,
  entityOf,
  orderFromOffer,
  rejectOffer,
  renderDocument,
  replaceLines,
  sendDocument,
} from './documents.service.ts';

const idParams = z.object({ id: z.uuid() });
const decimal = (scale: number, what: string) => z.string().regex(new RegExp(`^\\d{1,14}(\\.\\d{1,${scale}})?$`), `${what}: a non-negative number with at most ${scale} decimals, like "12.5"`);
const lineInput = z.strictObject({
  productId: z.uuid().nullable().optional(),
  description: z.string().trim().min(1).max(500).optional(),
  quantity: decimal(4, 'quantity').refine((v) => Number(v) > 0, 'The quantity must be more than 0'),
  unit: z.string().trim().min(1).max(20).optional(),
  unitPrice: decimal(4, 'unit price').optional(),
  discountPercent: decimal(2, 'discount').refine((v) => Number(v) <= 100, 'At most 100 %').optional(),
  vatRate: decimal(2, 'VAT rate').refine((v) => Number(v) < 100, 'Less than 100 %').optional(),
});
const line = z.object({
  id: z.string(),
  position: z.number(),
  productId: z.string().nullable(),
  description: z.string(),
  quantity: z.string(),
  unit: z.string(),
  unitPrice: z.string(),
  discountPercent: z.string(),
  vatRate: z.string(),
  net: z.string(),
  vat: z.string(),
  gross: z.string(),
});

/** Offers and orders: records routes, lines, documents from opportunities and offers, status changes, PDF, e-mail. */
export async function documentRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db, mailer } = root.ctx;

  for (const kind of ['offer', 'order'] as DocKind[]) {
    const entity = entityOf(kind);
    await registerEntityRoutes(root, entity);
    const base = `/${entity.resource}`;

    api.get(
      `${base}/:id/lines`,
      { schema: { tags: ['sales'], summary: `Lines of an ${kind}`, params: idParams, response: { 200: z.object({ data: z.array(line) }) } } },
      async (request) => {
        await findRecord(db, requireActor(request), entity, request.params.id);
        return { data: await documentLines(db, request.params.id) };
      },
    );

    api.put(
      `${base}/:id/lines`,
      {
        schema: {
          tags: ['sales'],
          summary: `Replace the lines of a draft ${kind}; products give description, unit, price and VAT; totals are computed exactly`,
          params: idParams,
          body: z.strictObject({ version: z.number().int().min(1), lines: z.array(lineInput).max(500) }),
        },
      },
      async (request) => replaceLines(db, requireActor(request), kind, request.params.id, request.body.version, request.body.lines),
    );

    api.get(
      `${base}/:id/pdf`,
      { schema: { tags: ['sales'], summary: `The ${kind} as PDF in its language`, params: idParams } },
      async (request, reply) => {
        const { doc, pdf } = await renderDocument(db, requireActor(request), kind, request.params.id);
        return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(`${String(doc.number)}.pdf`)).send(pdf);
      },
    );

    api.post(
      `${base}/:id/send`,
      {
        schema: {
          tags: ['sales'],
          summary: `E-mail the ${kind} as PDF to the partner (or another address); a draft offer becomes sent`,
          params: idParams,
          body: z.strictObject({ to: z.email().optional(), message: z.string().max(5000).optional() }),
        },
      },
      async (request) => sendDocument(db, mailer, requireActor(request), kind, request.params.id, request.body),
    );

    api.post(
      `/opportunities/:id/${entity.resource}`,
      {
        schema: {
          tags: ['sales'],
          summary: `Make an ${kind} from an opportunity (its stage must allow it: offers from Offer, orders from Negotiation)`,
          params: idParams,
          body: z.strictObject({ lines: z.array(lineInput).max(500).optional(), validUntil: z.iso.date().optional() }),
        },
      },
      async (request, reply) => reply.code(201).send(await documentFromOpportunity(db, requireActor(request), kind, request.params.id, request.body)),
    );
  }

  const action = (path: string, summary: string, run: (actor: ReturnType<typeof requireActor>, id: string) => Promise<unknown>) =>
    api.post(path, { schema: { tags: ['sales'], summary, params: idParams } }, async (request) => run(requireActor(request), request.params.id));

  action('/offers/:id/accept', 'The partner accepted the offer', (a, id) => acceptOffer(db, a, id));
  action('/offers/:id/reject', 'The partner rejected the offer', (a, id) => rejectOffer(db, a, id));
  action('/orders/:id/confirm', 'Confirm the order (it counts as turnover)', (a, id) => confirmOrder(db, a, id));
  action('/orders/:id/deliver', 'The order was delivered', (a, id) => deliverOrder(db, a, id));
  action('/orders/:id/cancel', 'Cancel the order', (a, id) => cancelOrder(db, a, id));
  api.post(
    '/offers/:id/order',
    { schema: { tags: ['sales'], summary: 'Make an order from an accepted offer, with its lines', params: idParams } },
    async (request, reply) => reply.code(201).send(await orderFromOffer(db, requireActor(request), request.params.id)),
  );
}
