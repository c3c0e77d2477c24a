import type { ScreenRecord } from './screen-context.ts';

/**
 * Navigation by area. An area with `requires` appears only when that entity is in /api/v1/meta (the
 * server has it and the user may read it) — never a dead link. A business module adds one entry here
 * (and its lazy route in app.tsx, or none when the generic records screens at /r/:resource serve it).
 */
export interface AreaEntry {
  key: string;
  labelKey: string;
  path: string;
  /** Entity whose presence in meta makes the area visible; none = always visible. */
  requires?: string;
  /** The heading it is listed under in the navigation (`areas.<group>`); none = on its own. */
  group?: string;
}

export const AREAS: AreaEntry[] = [
  { key: 'home', labelKey: 'nav.home', path: '/' },
  { key: 'partners', labelKey: 'nav.partners', path: '/r/partners', requires: 'partner', group: 'partners' },
  { key: 'contacts', labelKey: 'nav.contacts', path: '/r/contacts', requires: 'contact', group: 'partners' },
  { key: 'activities', labelKey: 'plural.task', path: '/r/tasks', requires: 'task', group: 'activities' },
  { key: 'events', labelKey: 'plural.event', path: '/r/events', requires: 'event', group: 'activities' },
  { key: 'calendar', labelKey: 'calendar.title', path: '/calendar', requires: 'event', group: 'activities' },
  { key: 'reminders', labelKey: 'reminders.title', path: '/reminders', requires: 'task', group: 'activities' },
  { key: 'task-analysis', labelKey: 'taskAnalysis.title', path: '/activities/analysis', requires: 'task', group: 'activities' },
  { key: 'sales', labelKey: 'nav.sales', path: '/sales/board', requires: 'opportunity', group: 'sales' },
  { key: 'campaigns', labelKey: 'plural.campaign', path: '/r/campaigns', requires: 'campaign', group: 'marketing' },
  { key: 'sales-reports', labelKey: 'reports.title', path: '/sales/reports', requires: 'opportunity', group: 'sales' },
  { key: 'offers', labelKey: 'plural.offer', path: '/r/offers', requires: 'offer', group: 'sales' },
  { key: 'orders', labelKey: 'plural.order', path: '/r/orders', requires: 'order', group: 'sales' },
  { key: 'contracts', labelKey: 'plural.contract', path: '/r/contracts', requires: 'contract', group: 'sales' },
  { key: 'products', labelKey: 'plural.product', path: '/r/products', requires: 'product', group: 'sales' },
  { key: 'price-lists', labelKey: 'plural.priceList', path: '/r/price-lists', requires: 'priceList', group: 'sales' },
  { key: 'reservations', labelKey: 'plural.reservation', path: '/r/reservations', requires: 'reservation', group: 'activities' },
  { key: 'settings', labelKey: 'nav.settings', path: '/settings' },
];

/** Screens under Settings that are not records lists; the settings page and the palette list them. */
export interface SettingsPageEntry extends AreaEntry {
  adminOnly?: boolean;
}

export const SETTINGS_PAGES: SettingsPageEntry[] = [
  { key: 'custom-fields', labelKey: 'customFields.title', path: '/settings/custom-fields', adminOnly: true },
  { key: 'api-keys', labelKey: 'settings.apiKeys', path: '/settings/api-keys' },
  { key: 'exchange-rates', labelKey: 'reports.rates', path: '/settings/exchange-rates', adminOnly: true },
  { key: 'mail-outbox', labelKey: 'settings.mailOutbox', path: '/settings/mail-outbox', adminOnly: true },
  { key: 'reminder-defaults', labelKey: 'reminders.defaults', path: '/settings/reminders', requires: 'task' },
  { key: 'profile', labelKey: 'profile.title', path: '/profile' },
];

/**
 * Quick creation from anywhere (command palette): each needs its entity in meta with create rights,
 * and carries the record on screen as context (`?about=<entity>:<id>` on the create page).
 */
export interface QuickAction {
  key: string;
  labelKey: string;
  requires: string;
}

export const QUICK_ACTIONS: QuickAction[] = [
  { key: 'new-task', labelKey: 'palette.newTask', requires: 'task' },
  { key: 'new-event', labelKey: 'palette.newEvent', requires: 'event' },
  { key: 'new-email', labelKey: 'palette.newEmail', requires: 'mailMessage' },
];

interface EntityPresence {
  name: string;
  resource: string;
  permissions: { read: string; create: string };
}

const present = (entities: EntityPresence[], name: string | undefined) =>
  name === undefined ? true : entities.some((e) => e.name === name && e.permissions.read !== 'none');

/** The entries the user can reach: areas whose entity is absent or unreadable are left out. */
export function visibleAreas<A extends AreaEntry & { adminOnly?: boolean }>(entries: A[], entities: EntityPresence[], isAdmin = false): A[] {
  return entries.filter((a) => present(entities, a.requires) && (!a.adminOnly || isAdmin));
}

/** Quick actions that can be done now, each with the path that opens its create form with the context. */
export function quickActions(entities: EntityPresence[], context: ScreenRecord | null): (QuickAction & { path: string })[] {
  return QUICK_ACTIONS.flatMap((action) => {
    const entity = entities.find((e) => e.name === action.requires);
    if (!entity || entity.permissions.create === 'none') return [];
    const about = context ? `?about=${encodeURIComponent(`${context.entity}:${context.id}`)}` : '';
    return [{ ...action, path: `/r/${entity.resource}/new${about}` }];
  });
}

/**
 * The navigation in sections: entries of one group together under its heading, in the order the
 * group first appears; an entry without a group is a section of its own where it stands (Home, Settings).
 */
export function navSections<A extends AreaEntry>(entries: A[]): { group: string | null; entries: A[] }[] {
  const sections: { group: string | null; entries: A[] }[] = [];
  for (const entry of entries) {
    const existing = entry.group ? sections.find((s) => s.group === entry.group) : undefined;
    if (existing) existing.entries.push(entry);
    else sections.push({ group: entry.group ?? null, entries: [entry] });
  }
  return sections;
}
