import { defineEntity } from '../../platform/records/descriptor.ts';
import { seedStages } from './pipeline.service.ts';

/** Sales pipelines: administrators keep them (and their stages); everyone reads them. */
export const pipelineEntity = defineEntity({
  name: 'pipeline',
  resource: 'pipelines',
  table: 'pipeline',
  area: 'admin',
  labelKey: 'entities.pipeline',
  scope: 'workspace',
  readableByMembers: true,
  customFields: false,
  defaultSort: 'name',
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, max: 200, filterable: true, sortable: true, searchable: true },
    { name: 'isDefault', column: 'is_default', type: 'boolean', readOnly: true, filterable: true, sortable: true },
  ],
  search: { title: ['name'] },
  hooks: {
    async afterWrite({ trx, actor }, { action, after }) {
      if (action === 'created' && after) await seedStages(trx, actor.workspaceId, after.id);
    },
  },
});
