import { defineEntity } from '../../platform/records/descriptor.ts';
import { reminderListSchema } from './reminders.service.ts';
import { taskHooks } from './task.service.ts';

export const TASK_TYPES = ['call', 'meeting', 'offer', 'follow_up', 'other'] as const;
export const TASK_STATUSES = ['open', 'in_progress', 'overdue', 'done'] as const;

/**
 * Tasks (A2): something to do for someone, by a date. The author (created_by) and the assignee both
 * own a task: "tasks for me" are assigned to me, "tasks from me" I gave to others. The status is the
 * system's (see kontakt_task_status in the migration): stored so it can be filtered and indexed,
 * recomputed on every write and by a job every minute as deadlines pass.
 */
export const taskEntity = defineEntity({
  name: 'task',
  resource: 'tasks',
  table: 'task',
  area: 'activities',
  labelKey: 'entities.task',
  // the author first: whoever may create tasks may give them to anyone (the assignee defaults to the author)
  scope: { ownerColumns: ['created_by', 'assignee_id'] },
  customFields: true,
  defaultSort: 'dueAt',
  fields: [
    { name: 'title', column: 'title', type: 'string', required: true, max: 300, filterable: true, sortable: true, searchable: true },
    { name: 'type', column: 'type', type: 'enum', values: TASK_TYPES, filterable: true, sortable: true },
    { name: 'status', column: 'status', type: 'enum', values: TASK_STATUSES, readOnly: true, filterable: true, sortable: true },
    { name: 'priority', column: 'priority', type: 'enum', values: ['low', 'normal', 'high'], filterable: true, sortable: true },
    { name: 'dueAt', column: 'due_at', type: 'datetime', filterable: true, sortable: true },
    { name: 'startsAt', column: 'starts_at', type: 'datetime', filterable: true, sortable: true },
    { name: 'completedAt', column: 'completed_at', type: 'datetime', filterable: true, sortable: true },
    { name: 'assigneeId', column: 'assignee_id', type: 'reference', to: 'user', filterable: true },
    { name: 'partnerId', column: 'partner_id', type: 'reference', to: 'partner', filterable: true },
    { name: 'contactId', column: 'contact_id', type: 'reference', to: 'contact', filterable: true },
    { name: 'opportunityId', column: 'opportunity_id', type: 'reference', to: 'opportunity', filterable: true },
    { name: 'dispatchId', column: 'dispatch_id', type: 'uuid', readOnly: true, filterable: true },
    { name: 'description', column: 'description', type: 'text', max: 20_000 },
    // A3: how long before the deadline its assignee is reminded; none given on create = the workspace defaults
    { name: 'reminders', column: 'reminders', type: 'json', refine: () => reminderListSchema },
    // A7: the chain the task is a step of, and which step
    { name: 'chainId', column: 'chain_id', type: 'reference', to: 'taskChain', readOnly: true, filterable: true },
    { name: 'chainStep', column: 'chain_step', type: 'integer', readOnly: true, filterable: true, sortable: true },
  ],
  relations: [
    { name: 'partner', entity: 'partner', kind: 'belongsTo', column: 'partner_id' },
    { name: 'contact', entity: 'contact', kind: 'belongsTo', column: 'contact_id' },
    { name: 'assignee', entity: 'user', kind: 'belongsTo', column: 'assignee_id' },
  ],
  search: { title: ['title'], body: ['description'] },
  hooks: taskHooks,
});
