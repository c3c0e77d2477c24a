import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { contentDisposition } from '../../platform/files/attachments.ts';
import { registerEntityRoutes } from '../../platform/records/routes.ts';
import { exportPriceList, priceListItems, productPrices, setPrices } from './price-list.service.ts';
import { priceListEntity, productEntity } from './product.entity.ts';

const idParams = z.object({ id: z.uuid() });
const PRICE = /^\d{1,14}(\.\d{1,4})?$/;

/** Products, price lists and their prices, printable price lists. */
export async function productRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;
  await registerEntityRoutes(root, productEntity);
  await registerEntityRoutes(root, priceListEntity);

  const item = z.object({ productId: z.string(), code: z.string(), name: z.string(), unit: z.string(), productGroup: z.string().nullable(), vatRate: z.string().nullable(), price: z.string() });

  api.get(
    '/price-lists/:id/items',
    { schema: { tags: ['sales'], summary: 'Products and prices of a price list', params: idParams, response: { 200: z.object({ data: z.array(item) }) } } },
    async (request) => ({ data: await priceListItems(db, requireActor(request), request.params.id) }),
  );

  api.put(
    '/price-lists/:id/items',
    {
      schema: {
        tags: ['sales'],
        summary: 'Set (or with price null, remove) the prices of products in a price list',
        params: idParams,
        body: z.strictObject({
          items: z
            .array(z.strictObject({ productId: z.uuid(), price: z.string().regex(PRICE, 'A non-negative price with at most 4 decimals, like "125.50"').nullable() }))
            .min(1)
            .max(5000),
        }),
        response: { 200: z.object({ changed: z.number() }) },
      },
    },
    async (request) => ({ changed: await setPrices(db, requireActor(request), request.params.id, request.body.items) }),
  );

  api.get(
    '/price-lists/:id/export',
    { schema: { tags: ['sales'], summary: 'The printable price list (PDF or XLSX)', params: idParams, querystring: z.object({ format: z.enum(['pdf', 'xlsx']).default('pdf') }) } },
    async (request, reply) => {
      const file = await exportPriceList(db, requireActor(request), request.params.id, request.query.format);
      return reply.header('content-type', file.type).header('content-disposition', contentDisposition(file.fileName)).send(file.body);
    },
  );

  api.get(
    '/products/:id/prices',
    {
      schema: {
        tags: ['sales'],
        summary: 'A product in every price list (its price history), or only the lists valid on a day',
        params: idParams,
        querystring: z.object({ on: z.iso.date().optional() }),
        response: {
          200: z.object({
            data: z.array(z.object({ priceListId: z.string(), listName: z.string(), kind: z.string(), currency: z.string(), validFrom: z.string(), validTo: z.string().nullable(), price: z.string(), active: z.boolean() })),
          }),
        },
      },
    },
    async (request) => ({ data: await productPrices(db, requireActor(request), request.params.id, request.query.on) }),
  );
}
