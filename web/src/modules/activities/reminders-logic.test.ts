import { describe, expect, it } from 'vitest';
import { callbackWho, counts, groupTasks, type MyReminders, personLink } from './reminders-logic.ts';

const task = (id: string, when: 'overdue' | 'today' | 'soon') => ({ id, title: id, dueAt: '2026-11-23T10:00:00Z', status: 'open', partnerId: null, partnerName: null, when });

describe('my reminders', () => {
  it('shows overdue tasks first, then today, then coming up, leaving out empty groups', () => {
    const grouped = groupTasks([task('a', 'soon'), task('b', 'overdue'), task('c', 'soon')]);
    expect(grouped.map((g) => [g.group, g.tasks.map((t) => t.id)])).toEqual([['overdue', ['b']], ['soon', ['a', 'c']]]);
    expect(groupTasks([])).toEqual([]);
  });

  it('links people to their record and names who to call back', () => {
    expect(personLink({ kind: 'contact', id: 'c1' })).toBe('/r/contacts/c1');
    expect(personLink({ kind: 'user', id: 'u1' })).toBe('/r/users/u1');
    expect(callbackWho({ contactName: 'Jan Kowalski', partnerName: 'Łódź Logistyka' })).toBe('Jan Kowalski, Łódź Logistyka');
    expect(callbackWho({ contactName: null, partnerName: 'Łódź Logistyka' })).toBe('Łódź Logistyka');
  });

  it('counts the entries by section', () => {
    const r: MyReminders = {
      from: '2026-11-23', to: '2026-11-30', tasks: [task('a', 'today')], callbacks: [],
      birthdays: [{ kind: 'user', id: 'u', name: 'Béla', on: '2026-11-24' }], nameDays: [{ kind: 'contact', id: 'c', name: 'Katalin', on: '2026-11-25' }], contracts: [],
    };
    expect(counts(r)).toEqual({ tasks: 1, callbacks: 0, people: 2, contracts: 0, total: 3 });
  });
});
