import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { validation } from '../../platform/errors.ts';
import { registerEntityRoutes } from '../../platform/records/routes.ts';
import { currentRates, forecast, funnelReport, leadSourceReport, RATE_CURRENCIES, salesReport, setRates, turnover } from './reports.ts';
import { salesTargetEntity } from './target.entity.ts';

const range = z.object({ from: z.iso.date(), to: z.iso.date() });
const checkRange = (r: { from: string; to: string }) => {
  if (r.to < r.from) throw validation([{ path: 'to', message: 'validation.endBeforeStart' }]);
  // reports read every row of their period: ten years at most
  if (Date.parse(r.to) - Date.parse(r.from) > 3660 * 86_400_000) throw validation([{ path: 'to', message: 'validation.periodTooLong' }], 'A period of at most ten years');
  return r;
};

/** Exchange rates, sales targets, forecast, turnover and the sales reports. */
export async function reportRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;
  await registerEntityRoutes(root, salesTargetEntity);

  const rates = z.object({ base: z.string(), rates: z.array(z.object({ currency: z.string(), rate: z.string(), validFrom: z.string() })) });
  api.get('/exchange-rates', { schema: { tags: ['sales'], summary: 'Exchange rates to the base currency valid today', response: { 200: rates } } }, async (request) =>
    currentRates(db, requireActor(request).workspaceId),
  );
  api.put(
    '/exchange-rates',
    {
      schema: {
        tags: ['sales'],
        summary: 'Set exchange rates to the base currency from a day (administrators)',
        body: z.strictObject({
          validFrom: z.iso.date(),
          rates: z.array(z.strictObject({ currency: z.enum(RATE_CURRENCIES), rate: z.string().regex(/^\d{1,10}(\.\d{1,8})?$/, 'A positive rate with at most 8 decimals').refine((v) => Number(v) > 0, 'More than 0') })).min(1).max(20),
        }),
        response: { 200: rates },
      },
    },
    async (request) => setRates(db, requireActor(request), request.body.validFrom, request.body.rates),
  );

  api.get(
    '/sales/forecast',
    {
      schema: {
        tags: ['sales'],
        summary: 'Weighted pipeline by month or quarter and salesperson, win rate, average cycle length (base currency)',
        querystring: range.extend({ unit: z.enum(['month', 'quarter']).default('month') }),
      },
    },
    async (request) => forecast(db, requireActor(request), checkRange(request.query), request.query.unit),
  );
  api.get(
    '/sales/turnover',
    {
      schema: {
        tags: ['sales'],
        summary: 'Planned (targets) against actual sales (confirmed orders) by product group, salesperson or client, per month',
        querystring: range.extend({ by: z.enum(['productGroup', 'owner', 'partner']).default('productGroup') }),
      },
    },
    async (request) => turnover(db, requireActor(request), checkRange(request.query), request.query.by),
  );
  api.get(
    '/sales/reports/:kind',
    {
      schema: {
        tags: ['sales'],
        summary:
          'Sales reports: opportunities lost by reason, by source and per salesperson; leads by source (leads → converted → won); the funnel of a pipeline in numbers and amounts',
        params: z.object({ kind: z.enum(['lostReasons', 'sources', 'salespeople', 'leadSources', 'funnel']) }),
        querystring: range.extend({ pipelineId: z.uuid().optional().describe('Funnel only; the default pipeline when left out') }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { kind } = request.params;
      const period = checkRange(request.query);
      if (kind === 'leadSources') return leadSourceReport(db, actor, period);
      if (kind === 'funnel') return funnelReport(db, actor, period, request.query.pipelineId);
      return salesReport(db, actor, period, kind);
    },
  );
}
