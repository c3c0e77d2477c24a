import { AppError } from '../../platform/errors.ts';
import { defineEntity } from '../../platform/records/descriptor.ts';

/** Marketing campaigns that leads and opportunities come from (S1; the marketing area builds on them). */
export const campaignEntity = defineEntity({
  name: 'campaign',
  resource: 'campaigns',
  table: 'campaign',
  area: 'marketing',
  labelKey: 'entities.campaign',
  scope: { ownerColumns: ['owner_id'] },
  customFields: true,
  defaultSort: '-startsOn',
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, max: 200, filterable: true, sortable: true, searchable: true },
    { name: 'status', column: 'status', type: 'enum', values: ['planned', 'running', 'finished', 'cancelled'], filterable: true, sortable: true },
    { name: 'startsOn', column: 'starts_on', type: 'date', filterable: true, sortable: true },
    { name: 'endsOn', column: 'ends_on', type: 'date', filterable: true, sortable: true },
    { name: 'objective', column: 'objective', type: 'text', max: 2000 },
    { name: 'segment', column: 'segment', type: 'string', max: 200, filterable: true },
    { name: 'budget', column: 'budget', type: 'money', currencyField: 'currency', filterable: true, sortable: true },
    { name: 'expectedRevenue', column: 'expected_revenue', type: 'money', currencyField: 'currency', filterable: true, sortable: true },
    { name: 'currency', column: 'currency', type: 'string', max: 3 },
    { name: 'ownerId', column: 'owner_id', type: 'reference', to: 'user', filterable: true },
  ],
  search: { title: ['name'], body: ['objective'] },
  hooks: {
    beforeCreate(_ctx, { values }) {
      refuseBackwards(values);
    },
    beforeUpdate(_ctx, { before, patch }) {
      refuseBackwards({ ...before, ...patch });
    },
  },
});

function refuseBackwards(values: Record<string, unknown>) {
  if (typeof values.endsOn === 'string' && typeof values.startsOn === 'string' && values.endsOn < values.startsOn) {
    throw new AppError('VALIDATION', 'The campaign ends before it starts', { errors: [{ path: 'endsOn', message: 'validation.endBeforeStart' }] });
  }
}

/** Competitors met on leads and opportunities (P7). */
export const competitorEntity = defineEntity({
  name: 'competitor',
  resource: 'competitors',
  table: 'competitor',
  area: 'sales',
  labelKey: 'entities.competitor',
  scope: 'workspace',
  readableByMembers: true,
  customFields: true,
  defaultSort: 'name',
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, max: 200, filterable: true, sortable: true, searchable: true },
    { name: 'website', column: 'website', type: 'url', max: 300 },
    { name: 'strengths', column: 'strengths', type: 'text', max: 5000 },
    { name: 'weaknesses', column: 'weaknesses', type: 'text', max: 5000 },
  ],
  search: { title: ['name'], body: ['strengths', 'weaknesses'] },
});
