/**
 * Navigation by area. An area appears when its entity is in /api/v1/meta (the server knows it and the
 * user may read it) — never a dead link. Business modules add one entry each.
 */
export interface AreaEntry {
  key: string;
  labelKey: string;
  path: string;
  /** Entity whose presence in meta makes the area visible; none = always visible. */
  requires?: string;
}

export const AREAS: AreaEntry[] = [
  { key: 'home', labelKey: 'nav.home', path: '/' },
  { key: 'settings', labelKey: 'nav.settings', path: '/settings' },
];
