import { refuseAbsenceOrder } from '../../platform/access/absence.ts';
import { sql } from 'kysely';
import type { Trx } from '../../platform/audit/record-change.ts';
import { AppError } from '../../platform/errors.ts';
import type { EntityHooks, RecordRow } from '../../platform/records/descriptor.ts';

/**
 * Serialises one kind of check per workspace until the transaction ends: two administrators demoting
 * each other at the same moment would otherwise both see the other one still active.
 */
async function lockWorkspaceRule(trx: Trx, rule: string, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`${rule}:${workspaceId}`}))`.execute(trx);
}

/** Refuses a change that would leave the workspace without an active administrator. */
async function keepAnAdministrator(trx: Trx, workspaceId: string, userId: string): Promise<void> {
  await lockWorkspaceRule(trx, 'admins', workspaceId);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from users
    where workspace_id = ${workspaceId} and is_admin and active and deleted_at is null and id <> ${userId}`.execute(trx);
  if ((rows[0]?.n ?? 0) === 0) {
    throw new AppError('RULE', 'The workspace needs at least one active administrator');
  }
}

/** Refuses a manager chain that comes back to the user (A manages B manages A). */
async function refuseManagerCycle(trx: Trx, workspaceId: string, userId: string, managerId: string): Promise<void> {
  if (managerId === userId) throw new AppError('RULE', 'A user cannot be their own manager');
  await lockWorkspaceRule(trx, 'managers', workspaceId);
  const { rows } = await sql<{ found: boolean }>`
    with recursive chain(id, depth) as (
      select manager_id, 1 from users where id = ${managerId}
      union all
      select u.manager_id, c.depth + 1 from users u join chain c on u.id = c.id where c.depth < 100 and u.manager_id is not null
    )
    select exists(select 1 from chain where id = ${userId}) as found`.execute(trx);
  if (rows[0]?.found) throw new AppError('RULE', 'This manager would make a circle of managers');
}

const wasActiveAdmin = (row: RecordRow) => row.isAdmin === true && row.active === true;

export const userHooks: EntityHooks = {
  async beforeUpdate({ trx, actor }, { before, patch }) {
    refuseAbsenceOrder({ ...before, ...patch });
    if (typeof patch.managerId === 'string') await refuseManagerCycle(trx, actor.workspaceId, before.id, patch.managerId);
    const losesAdmin = wasActiveAdmin(before) && (patch.isAdmin === false || patch.active === false);
    if (losesAdmin) await keepAnAdministrator(trx, actor.workspaceId, before.id);
  },
  async beforeDelete({ trx, actor }, { before }) {
    if (before.id === actor.userId) throw new AppError('RULE', 'You cannot delete yourself');
    if (wasActiveAdmin(before)) await keepAnAdministrator(trx, actor.workspaceId, before.id);
  },
  async afterWrite({ trx }, { action, after }) {
    // a deactivated or deleted user is signed out everywhere at once
    if (action === 'deleted' || after.active === false) {
      await trx.deleteFrom('session').where('userId', '=', after.id).execute();
    }
  },
};
