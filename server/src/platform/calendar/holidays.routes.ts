import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { HOLIDAY_COUNTRIES, publicHolidays } from './holidays.ts';

/** Public holidays for the calendar (working days, deadlines). */
export async function holidayRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/holidays',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Public holidays of Romania, Poland, Hungary or Ukraine in a year',
        querystring: z.object({ country: z.enum(HOLIDAY_COUNTRIES), year: z.coerce.number().int().min(1900).max(2099) }),
        response: { 200: z.object({ data: z.array(z.object({ date: z.string(), key: z.string(), name: z.string() })) }) },
      },
    },
    async (request) => {
      requireActor(request);
      return { data: publicHolidays(request.query.country, request.query.year) };
    },
  );
}
