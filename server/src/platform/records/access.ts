import { type Expression, type SqlBool, sql } from 'kysely';
import type { Action, Actor } from '../access/actor.ts';
import { can, requirePermission } from '../access/guard.ts';
import { scopeWhere } from '../access/scope.ts';
import type { EntityDescriptor } from './descriptor.ts';

/** The actor's scope for an action on an entity ('all' for member-readable entities on read). */
export function entityScope(actor: Actor, entity: EntityDescriptor, action: Action) {
  if (action === 'read' && entity.readableByMembers) return 'all' as const;
  return can(actor, entity.area, action);
}

/** Throws 403 when the actor has no scope at all for the action on the entity's area. */
export function requireEntityPermission(actor: Actor, entity: EntityDescriptor, action: Action): void {
  if (action === 'read' && entity.readableByMembers) return;
  requirePermission(actor, entity.area, action);
}

/**
 * Rows of the entity (table alias `alias`) the actor may see for an action: always the actor's
 * workspace, then the row scope (or only the area permission for workspace-scoped entities).
 */
export function accessWhere(actor: Actor, entity: EntityDescriptor, action: Action, alias: string): Expression<SqlBool> {
  const inWorkspace = sql<SqlBool>`${sql.ref(`${alias}.workspace_id`)} = ${actor.workspaceId}`;
  if (action === 'read' && entity.readableByMembers) return inWorkspace;
  const scope = entityScope(actor, entity, action);
  if (entity.scope === 'workspace') {
    return scope === 'none' ? sql<SqlBool>`false` : inWorkspace;
  }
  const rows = scopeWhere(actor, entity.area, action, {
    entity: entity.name,
    idColumn: `${alias}.id`,
    ownerColumns: entity.scope.ownerColumns.map((c) => `${alias}.${c}`),
    standIns: entity.scope.standIns?.map((s) => ({ column: `${alias}.${s.column}`, for: `${alias}.${s.for}` })),
    orgUnitColumn: entity.scope.orgUnitColumn ? `${alias}.${entity.scope.orgUnitColumn}` : undefined,
    confidentialColumn: entity.scope.confidentialColumn ? `${alias}.${entity.scope.confidentialColumn}` : undefined,
  });
  return sql<SqlBool>`(${inWorkspace} and ${rows})`;
}
