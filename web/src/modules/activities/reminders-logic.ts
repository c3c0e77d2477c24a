/** The answer of GET /api/v1/me/reminders. */
export interface MyReminders {
  from: string;
  to: string;
  tasks: { id: string; title: string; dueAt: string; status: string; partnerId: string | null; partnerName: string | null; when: 'overdue' | 'today' | 'soon' }[];
  callbacks: { id: string; callAt: string; note: string | null; partnerId: string | null; partnerName: string | null; contactId: string | null; contactName: string | null }[];
  birthdays: Person[];
  nameDays: Person[];
  contracts: { id: string; number: string; title: string; endsOn: string; noticeDays: number; partnerId: string; partnerName: string | null }[];
}

export interface Person {
  kind: 'contact' | 'user';
  id: string;
  name: string;
  on: string;
}

export const TASK_GROUPS = ['overdue', 'today', 'soon'] as const;

/** Tasks in the order they are shown: overdue, today, coming up (each by deadline as the server sent them). */
export function groupTasks(tasks: MyReminders['tasks']): { group: (typeof TASK_GROUPS)[number]; tasks: MyReminders['tasks'] }[] {
  return TASK_GROUPS.map((group) => ({ group, tasks: tasks.filter((t) => t.when === group) })).filter((g) => g.tasks.length > 0);
}

/** The record page of a person of the summary (a contact, or a colleague in the directory). */
export const personLink = (p: Pick<Person, 'kind' | 'id'>) => (p.kind === 'contact' ? `/r/contacts/${p.id}` : `/r/users/${p.id}`);

/** A callback's title: who to call back (person, partner). */
export const callbackWho = (c: Pick<MyReminders['callbacks'][number], 'contactName' | 'partnerName'>) =>
  [c.contactName, c.partnerName].filter(Boolean).join(', ');

/** How many entries the summary holds, by section (the home page shows them). */
export function counts(r: MyReminders): { tasks: number; callbacks: number; people: number; contracts: number; total: number } {
  const people = r.birthdays.length + r.nameDays.length;
  return { tasks: r.tasks.length, callbacks: r.callbacks.length, people, contracts: r.contracts.length, total: r.tasks.length + r.callbacks.length + people + r.contracts.length };
}

export interface ReminderOffset {
  amount: number;
  unit: 'minutes' | 'hours' | 'days';
}
