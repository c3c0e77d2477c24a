import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { validation } from '../../platform/errors.ts';
import { findRecord, listRecords } from '../../platform/records/query.ts';
import { contactEntity } from './contact.entity.ts';
import { toVCard, type VCardContact } from './vcard.ts';

const MAX_CARDS = 5000;

/** The first partner of each contact, for ORG. */
async function organizations(root: FastifyInstance, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await root.ctx.db
    .selectFrom('partnerContact')
    .innerJoin('partner', 'partner.id', 'partnerContact.partnerId')
    .select(['partnerContact.contactId', 'partner.name'])
    .where('partnerContact.contactId', 'in', ids)
    .where('partner.deletedAt', 'is', null)
    .orderBy('partnerContact.isPrimary', 'desc')
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.contactId)) out.set(r.contactId, r.name);
  return out;
}

/** Contacts as vCard 4.0: one card, or the cards of a filtered list (what phones and mail programs import). */
export async function vcardRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/contacts/:id/vcard',
    { schema: { tags: ['partners'], summary: 'One contact as a vCard 4.0', params: z.object({ id: z.uuid() }) } },
    async (request, reply) => {
      const contact = (await findRecord(root.ctx.db, requireActor(request), contactEntity, request.params.id)) as unknown as VCardContact;
      const org = await organizations(root, [contact.id]);
      return reply
        .header('content-type', 'text/vcard; charset=utf-8')
        .header('content-disposition', `attachment; filename="contact-${contact.id}.vcf"`)
        .send(toVCard({ ...contact, organization: org.get(contact.id) ?? null }));
    },
  );
  api.get(
    '/contacts/vcards',
    {
      schema: {
        tags: ['partners'],
        summary: 'The contacts of a list (filter, sort, q as for the list) as one vCard file',
        querystring: z.object({ filter: z.string().max(100_000).optional(), sort: z.string().max(500).optional(), q: z.string().max(200).optional() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const cards: string[] = [];
      let cursor: string | undefined;
      let filter: unknown;
      try {
        filter = request.query.filter ? (JSON.parse(request.query.filter) as unknown) : undefined;
      } catch {
        throw validation([{ path: 'filter', message: 'The filter is not valid JSON' }]);
      }
      do {
        const page = await listRecords(root.ctx.db, actor, contactEntity, { filter, sort: request.query.sort, q: request.query.q, limit: 500, cursor });
        const org = await organizations(root, page.data.map((c) => c.id));
        for (const c of page.data) cards.push(toVCard({ ...(c as unknown as VCardContact), organization: org.get(c.id) ?? null }));
        cursor = page.nextCursor ?? undefined;
      } while (cursor && cards.length < MAX_CARDS);
      return reply
        .header('content-type', 'text/vcard; charset=utf-8')
        .header('content-disposition', 'attachment; filename="contacts.vcf"')
        .send(cards.join(''));
    },
  );
}
