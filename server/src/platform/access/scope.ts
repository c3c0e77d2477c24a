import { type Expression, type SqlBool, sql } from 'kysely';
import type { Action, Actor } from './actor.ts';
import { can } from './guard.ts';

export interface ScopeColumns {
  /** Entity name as used in record_grant.entity. */
  entity: string;
  /** Qualified id column, e.g. "partner.id". */
  idColumn: string;
  /** Columns naming users who "own" the row (owner, deputy, responsible, author…). */
  ownerColumns: string[];
  /** Qualified columns of stand-ins: the user in `column` owns the row while the user in `for` is away. */
  standIns?: { column: string; for: string }[] | undefined;
  /** Column with the row's org unit, when the entity has one; team scope also matches owners in the team. */
  orgUnitColumn?: string;
  /** Boolean column: confidential rows are visible only to owners, grantees and admins, whatever the scope. */
  confidentialColumn?: string;
}

const ref = (column: string) => sql.ref(column);

/**
 * SQL condition that keeps only rows the actor may see for an action on an area:
 * all → every row of the workspace; team → rows owned by, or belonging to, the actor's org unit and
 * the units below it; own → rows the actor owns; none → nothing; in every case plus rows shared with
 * the actor (record_grant to the user, one of their groups, or their org unit chain). Workspace
 * scoping is the caller's own where-clause and is never implied here.
 */
export function scopeWhere(actor: Actor, area: string, action: Action, columns: ScopeColumns): Expression<SqlBool> {
  const scope = can(actor, area, action);
  const owned = sql<SqlBool>`(${sql.join(
    [
      ...columns.ownerColumns.map((c) => sql`${ref(c)} = ${actor.userId}`),
      // a deputy owns the row on the days its primary is away
      ...(columns.standIns ?? []).map(
        (s) => sql`(${ref(s.column)} = ${actor.userId} and exists (select 1 from users away where away.id = ${ref(s.for)}
          and away.away_from <= current_date and coalesce(away.away_until, away.away_from) >= current_date))`,
      ),
    ],
    sql` or `,
  )})`;
  const grantAccess = action === 'read' || action === 'export' ? ['read', 'write'] : ['write'];
  const granted = sql<SqlBool>`${ref(columns.idColumn)} in (
    select rg.record_id from record_grant rg
    where rg.workspace_id = ${actor.workspaceId} and rg.entity = ${columns.entity}
      and rg.access = any(${grantAccess}::text[])
      and ((rg.principal_type = 'user' and rg.principal_id = ${actor.userId})
        or (rg.principal_type = 'group' and rg.principal_id = any(${actor.groupIds}::uuid[]))
        or (rg.principal_type = 'org_unit' and ${actor.orgUnitPath ?? ''} like '%/' || rg.principal_id::text || '/%')))`;

  let visible: Expression<SqlBool>;
  switch (scope) {
    case 'all':
      visible = sql<SqlBool>`true`;
      break;
    case 'team': {
      const path = actor.orgUnitPath;
      if (!path) {
        visible = owned;
        break;
      }
      const teamUsers = sql`(select u.id from users u join org_unit ou on ou.id = u.org_unit_id
        where u.workspace_id = ${actor.workspaceId} and ou.path like ${`${path}%`})`;
      const ownerInTeam = sql.join(
        columns.ownerColumns.map((c) => sql`${ref(c)} in ${teamUsers}`),
        sql` or `,
      );
      const unitInTeam = columns.orgUnitColumn
        ? sql` or ${ref(columns.orgUnitColumn)} in (select ou.id from org_unit ou
            where ou.workspace_id = ${actor.workspaceId} and ou.path like ${`${path}%`})`
        : sql``;
      visible = sql<SqlBool>`(${ownerInTeam}${unitInTeam})`;
      break;
    }
    case 'own':
      visible = owned;
      break;
    case 'none':
      visible = sql<SqlBool>`false`;
      break;
  }

  if (columns.confidentialColumn && !actor.isAdmin) {
    return sql<SqlBool>`((${visible} and coalesce(${ref(columns.confidentialColumn)}, false) = false) or ${owned} or ${granted})`;
  }
  return sql<SqlBool>`(${visible} or ${granted})`;
}
