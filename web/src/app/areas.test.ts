import { describe, expect, it } from 'vitest';
import { AREAS, navSections, quickActions, SETTINGS_PAGES, visibleAreas } from './areas.ts';

const entity = (name: string, resource: string, read = 'all', create = 'all') => ({ name, resource, permissions: { read, create } });

describe('area registry', () => {
  it('shows an area only when its entity is present and readable', () => {
    expect(visibleAreas(AREAS, []).map((a) => a.key)).toEqual(['home', 'settings']);
    expect(visibleAreas(AREAS, [entity('partner', 'partners', 'none')]).map((a) => a.key)).toEqual(['home', 'settings']);
    expect(visibleAreas(AREAS, [entity('partner', 'partners')]).map((a) => a.key)).toEqual(['home', 'partners', 'settings']);
    expect(visibleAreas(AREAS, [entity('partner', 'partners'), entity('contact', 'contacts')]).map((a) => a.key)).toEqual(['home', 'partners', 'contacts', 'settings']);
  });

  it('keeps administrator screens from other users', () => {
    expect(visibleAreas(SETTINGS_PAGES, [], false).map((p) => p.key)).toEqual(['api-keys', 'profile']);
    expect(visibleAreas(SETTINGS_PAGES, [], true).map((p) => p.key)).toEqual(['custom-fields', 'api-keys', 'exchange-rates', 'mail-outbox', 'profile']);
  });
});

describe('quick actions', () => {
  it('offers none while their areas do not exist (no dead links)', () => {
    expect(quickActions([entity('user', 'users')], { entity: 'user', id: 'u1', title: 'Ana' })).toEqual([]);
  });

  it('opens the create form with the record on screen as context, only with create rights', () => {
    const entities = [entity('task', 'tasks'), entity('event', 'events', 'all', 'none')];
    const actions = quickActions(entities, { entity: 'partner', id: '0190-ab', title: 'Fabrica de Lapte SRL' });
    expect(actions.map((a) => [a.key, a.path])).toEqual([['new-task', '/r/tasks/new?about=partner%3A0190-ab']]);
    expect(quickActions(entities, null).map((a) => a.path)).toEqual(['/r/tasks/new']);
  });
});

describe('navigation sections', () => {
  it('lists the entries of a group together under its heading, in the order the group first appears', () => {
    const sections = navSections([
      { key: 'home', labelKey: 'h', path: '/' },
      { key: 'a1', labelKey: 'x', path: '/a1', group: 'a' },
      { key: 'b1', labelKey: 'x', path: '/b1', group: 'b' },
      { key: 'a2', labelKey: 'x', path: '/a2', group: 'a' },
      { key: 'settings', labelKey: 's', path: '/settings' },
    ]);
    expect(sections.map((s) => [s.group, s.entries.map((e) => e.key)])).toEqual([
      [null, ['home']],
      ['a', ['a1', 'a2']],
      ['b', ['b1']],
      [null, ['settings']],
    ]);
  });

  it('puts every business area under a heading, Home first and Settings last', () => {
    const sections = navSections(AREAS);
    expect(sections[0]!.entries.map((e) => e.key)).toEqual(['home']);
    expect(sections.at(-1)!.entries.map((e) => e.key)).toEqual(['settings']);
    expect(sections.slice(1, -1).every((s) => s.group !== null)).toBe(true);
  });
});
