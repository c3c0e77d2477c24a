export const ACTIONS = ['read', 'create', 'update', 'delete', 'export', 'import'] as const;
export type Action = (typeof ACTIONS)[number];
export const SCOPES = ['none', 'own', 'team', 'all'] as const;
export type Scope = (typeof SCOPES)[number];
/** Per area (partners, activities, admin …) and action, the widest scope the actor's roles grant. */
export type Grants = Record<string, Partial<Record<Action, Scope>>>;

/** Who is acting: resolved once per request from the session cookie or the API key. */
export interface Actor {
  userId: string;
  workspaceId: string;
  name: string;
  email: string;
  locale: string;
  isAdmin: boolean;
  orgUnitId: string | null;
  /** Materialised path of the actor's org unit ("/root/…/unit/"); "team" scope = this prefix. */
  orgUnitPath: string | null;
  groupIds: string[];
  grants: Grants;
  via: 'session' | 'apiKey';
}
