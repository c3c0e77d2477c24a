import { defineEntity } from '../../platform/records/descriptor.ts';
import { chainHooks, chainStepsSchema, chainTemplateHooks } from './chains.service.ts';

/**
 * Task chain templates (A7): ordered, dependent steps — title, type, who does it (a user, the
 * assignee of the previous step, or the author of the chain), deadline in days (optionally working
 * days) after the previous step is done. Every member reads them (to start a chain); administrators
 * keep them (Settings → Task chains).
 */
export const taskChainTemplateEntity = defineEntity({
  name: 'taskChainTemplate',
  resource: 'task-chain-templates',
  table: 'task_chain_template',
  area: 'admin',
  labelKey: 'entities.taskChainTemplate',
  scope: 'workspace',
  readableByMembers: true,
  customFields: false,
  defaultSort: 'name',
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, max: 200, filterable: true, sortable: true, searchable: true },
    { name: 'description', column: 'description', type: 'text', max: 5000 },
    { name: 'steps', column: 'steps', type: 'json', required: true, refine: () => chainStepsSchema },
    { name: 'active', column: 'active', type: 'boolean', filterable: true, sortable: true },
  ],
  search: { title: ['name'], body: ['description'] },
  hooks: chainTemplateHooks,
});

/**
 * A chain: one run of a template on a partner or an opportunity, with a copy of its steps. Starting
 * it creates the task of step 1; completing the task of a step creates the next one.
 */
export const taskChainEntity = defineEntity({
  name: 'taskChain',
  resource: 'task-chains',
  table: 'task_chain',
  area: 'activities',
  labelKey: 'entities.taskChain',
  scope: { ownerColumns: ['created_by'] },
  customFields: false,
  defaultSort: '-createdAt',
  fields: [
    { name: 'templateId', column: 'template_id', type: 'reference', to: 'taskChainTemplate', required: true, filterable: true },
    { name: 'name', column: 'name', type: 'string', readOnly: true, filterable: true, sortable: true, searchable: true },
    { name: 'partnerId', column: 'partner_id', type: 'reference', to: 'partner', filterable: true },
    { name: 'opportunityId', column: 'opportunity_id', type: 'reference', to: 'opportunity', filterable: true },
    { name: 'status', column: 'status', type: 'enum', values: ['running', 'done'], readOnly: true, filterable: true, sortable: true },
    { name: 'currentStep', column: 'current_step', type: 'integer', readOnly: true, filterable: true, sortable: true },
    { name: 'stepCount', column: 'step_count', type: 'integer', readOnly: true },
    { name: 'steps', column: 'steps', type: 'json', readOnly: true, hidden: true },
  ],
  relations: [{ name: 'partner', entity: 'partner', kind: 'belongsTo', column: 'partner_id' }],
  search: { title: ['name'] },
  hooks: chainHooks,
});
