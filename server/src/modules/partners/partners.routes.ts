import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { registerEntityRoutes } from '../../platform/records/routes.ts';
import { contactEntity } from './contact.entity.ts';
import { findContactDuplicates, findPartnerDuplicates, mergeContacts, mergePartners } from './duplicates.ts';
import { eraseContact, exportContactData } from './gdpr.ts';
import { convertLead } from './lifecycle.ts';
import { partnerEntity } from './partner.entity.ts';
import { contactPartners, linkContact, partnerContacts, unlinkContact } from './partner-contact.service.ts';
import { partnerGroupEntity } from './partner-group.entity.ts';
import { partnerStats, partnerTimeline } from './timeline.ts';
import { vcardRoutes } from './vcard.routes.ts';

const linkParams = z.object({ id: z.uuid(), contactId: z.uuid() });

/** Partners and contacts (generated records routes) and the links between them. */
export async function partnerRoutes(root: FastifyInstance): Promise<void> {
  const api0 = root.withTypeProvider<ZodTypeProvider>();
  const duplicatePair = z.object({ aId: z.string(), aName: z.string(), bId: z.string(), bName: z.string(), reason: z.string(), similarity: z.number() });
  // registered before the generated /partners/:id routes so "duplicates" is not read as an id
  api0.get(
    '/partners/duplicates',
    {
      schema: {
        tags: ['partners'],
        summary: 'Likely duplicate partners: same tax ID or e-mail, or names alike',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), partnerId: z.uuid().optional() }),
        response: { 200: z.object({ data: z.array(duplicatePair) }) },
      },
    },
    async (request) => ({ data: await findPartnerDuplicates(root.ctx.db, requireActor(request), request.query.limit, request.query.partnerId) }),
  );
  api0.get(
    '/contacts/duplicates',
    {
      schema: {
        tags: ['partners'],
        summary: 'Likely duplicate contacts: same e-mail or phone, or names alike',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), contactId: z.uuid().optional() }),
        response: { 200: z.object({ data: z.array(duplicatePair) }) },
      },
    },
    async (request) => ({ data: await findContactDuplicates(root.ctx.db, requireActor(request), request.query.limit, request.query.contactId) }),
  );
  await registerEntityRoutes(root, partnerGroupEntity);
  await registerEntityRoutes(root, partnerEntity);
  await registerEntityRoutes(root, contactEntity);
  await vcardRoutes(root);
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;

  api.get(
    '/partners/:id/contacts',
    {
      schema: {
        tags: ['partners'],
        summary: 'Contact persons of a partner, with their role',
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({
            data: z.array(
              z.object({
                id: z.string(),
                fullName: z.string().nullable(),
                position: z.string().nullable(),
                email: z.string().nullable(),
                phone: z.string().nullable(),
                role: z.string().nullable(),
                isPrimary: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ data: await partnerContacts(db, requireActor(request), request.params.id) }),
  );

  api.put(
    '/partners/:id/contacts/:contactId',
    {
      schema: {
        tags: ['partners'],
        summary: 'Link a contact to a partner (or change the role of the link)',
        params: linkParams,
        body: z.strictObject({ role: z.string().trim().max(200).nullable().optional(), isPrimary: z.boolean().optional() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await linkContact(db, requireActor(request), request.params.id, request.params.contactId, request.body);
      return reply.code(204).send(null);
    },
  );

  api.delete(
    '/partners/:id/contacts/:contactId',
    { schema: { tags: ['partners'], summary: 'Unlink a contact from a partner', params: linkParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await unlinkContact(db, requireActor(request), request.params.id, request.params.contactId);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/partners/:id/timeline',
    {
      schema: {
        tags: ['partners'],
        summary: 'Everything that happened with a partner, newest first',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() }),
        response: {
          200: z.object({
            data: z.array(
              z.object({
                eventId: z.string(),
                at: z.date(),
                type: z.string(),
                entity: z.string(),
                recordId: z.string().nullable(),
                actorId: z.string().nullable(),
                actorName: z.string().nullable(),
                payload: z.unknown(),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => partnerTimeline(db, requireActor(request), request.params.id, request.query),
  );

  api.get(
    '/partners/:id/stats',
    {
      schema: {
        tags: ['partners'],
        summary: 'Counts of what happened with a partner, by kind',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ byEntity: z.record(z.string(), z.number()), total: z.number(), lastAt: z.date().nullable() }) },
      },
    },
    async (request) => partnerStats(db, requireActor(request), request.params.id),
  );

  api.post(
    '/partners/:id/merge',
    {
      schema: {
        tags: ['partners'],
        summary: 'Merge a duplicate into this partner, keeping the links and history of both',
        params: z.object({ id: z.uuid() }),
        body: z.strictObject({ duplicateId: z.uuid() }),
      },
    },
    async (request) => mergePartners(db, requireActor(request), request.params.id, request.body.duplicateId),
  );

  api.post(
    '/contacts/:id/merge',
    {
      schema: {
        tags: ['partners'],
        summary: 'Merge a duplicate contact into this one, keeping its partner links',
        params: z.object({ id: z.uuid() }),
        body: z.strictObject({ duplicateId: z.uuid() }),
      },
    },
    async (request) => mergeContacts(db, requireActor(request), request.params.id, request.body.duplicateId),
  );

  api.get(
    '/contacts/:id/personal-data',
    {
      schema: {
        tags: ['partners'],
        summary: 'Everything held about a person, as JSON (GDPR access request)',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      const data = await exportContactData(db, requireActor(request), request.params.id);
      return reply.header('content-disposition', `attachment; filename="personal-data-${request.params.id}.json"`).send(data);
    },
  );

  api.post(
    '/contacts/:id/erase',
    {
      schema: {
        tags: ['partners'],
        summary: 'Erase a person: personal data cleared everywhere, the erasure itself audited (GDPR)',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await eraseContact(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/partners/:id/convert',
    {
      schema: {
        tags: ['partners'],
        summary: 'Convert a lead (business card) into a prospect, keeping its history',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request) => convertLead(db, requireActor(request), request.params.id),
  );

  api.get(
    '/contacts/:id/partners',
    {
      schema: {
        tags: ['partners'],
        summary: 'Partners a contact works with',
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({
            data: z.array(z.object({ id: z.string(), name: z.string(), city: z.string().nullable(), role: z.string().nullable(), isPrimary: z.boolean() })),
          }),
        },
      },
    },
    async (request) => ({ data: await contactPartners(db, requireActor(request), request.params.id) }),
  );
}
