/**
 * Views every user has on a list, next to their saved ones: a module adds its own. `@me` in a filter
 * on a person is the user looking (the server reads it so), so one definition serves everybody.
 */
export interface BuiltInView {
  key: string;
  labelKey: string;
  definition: { filter: unknown; sort?: string };
}

const mine = (field: string) => ({ field, op: 'eq', value: '@me' });

export const BUILT_IN_VIEWS: Record<string, BuiltInView[]> = {
  task: [
    { key: 'for-me', labelKey: 'views.tasksForMe', definition: { filter: { and: [mine('assigneeId'), { field: 'status', op: 'ne', value: 'done' }] }, sort: 'dueAt' } },
    {
      key: 'from-me',
      labelKey: 'views.tasksFromMe',
      definition: { filter: { and: [mine('createdBy'), { field: 'assigneeId', op: 'ne', value: '@me' }] }, sort: 'dueAt' },
    },
  ],
  event: [{ key: 'mine', labelKey: 'views.myEvents', definition: { filter: mine('ownerId'), sort: '-startsAt' } }],
  partner: [{ key: 'mine', labelKey: 'views.myPartners', definition: { filter: mine('ownerId') } }],
  opportunity: [{ key: 'mine', labelKey: 'views.myOpportunities', definition: { filter: mine('ownerId') } }],
};
