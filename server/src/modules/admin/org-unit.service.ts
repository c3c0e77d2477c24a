import { sql } from 'kysely';
import type { Trx } from '../../platform/audit/record-change.ts';
import { AppError, validation } from '../../platform/errors.ts';
import type { EntityHooks } from '../../platform/records/descriptor.ts';

async function findParent(trx: Trx, workspaceId: string, parentId: string) {
  const parent = await trx
    .selectFrom('orgUnit')
    .select(['id', 'path'])
    .where('id', '=', parentId)
    .where('workspaceId', '=', workspaceId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!parent) throw validation([{ path: 'parentId', message: 'No org unit with this id' }]);
  return parent;
}

/**
 * The materialised path ('/<root id>/…/<own id>/') is kept by these hooks: set on create, and on a
 * move the unit's path changes and the whole subtree's prefix is rewritten in one UPDATE.
 */
export const orgUnitHooks: EntityHooks = {
  async beforeCreate({ trx, actor }, { id, values }) {
    const parentId = values.parentId as string | null | undefined;
    const prefix = parentId ? (await findParent(trx, actor.workspaceId, parentId)).path : '/';
    values.path = `${prefix}${id}/`;
  },

  async beforeUpdate({ trx, actor }, { before, patch }) {
    if (patch.parentId === undefined || patch.parentId === before.parentId) return;
    const ownPath = before.path as string;
    let prefix = '/';
    if (patch.parentId !== null) {
      const parent = await findParent(trx, actor.workspaceId, patch.parentId as string);
      if (parent.path.startsWith(ownPath)) {
        throw new AppError('RULE', 'An org unit cannot be moved under itself or one of its descendants', {
          errors: [{ path: 'parentId', message: 'Would create a cycle' }],
        });
      }
      prefix = parent.path;
    }
    patch.path = `${prefix}${before.id}/`;
  },

  async beforeDelete({ trx, actor }, { before }) {
    const children = await trx
      .selectFrom('orgUnit')
      .select('id')
      .where('workspaceId', '=', actor.workspaceId)
      .where('parentId', '=', before.id)
      .where('deletedAt', 'is', null)
      .limit(1)
      .execute();
    if (children.length) throw new AppError('RULE', 'Move or delete the units below this one first');
    const users = await trx
      .selectFrom('users')
      .select('id')
      .where('workspaceId', '=', actor.workspaceId)
      .where('orgUnitId', '=', before.id)
      .where('deletedAt', 'is', null)
      .limit(1)
      .execute();
    if (users.length) throw new AppError('RULE', 'Move the users of this unit to another unit first');
  },

  async afterWrite({ trx, actor }, { action, before, after }) {
    if (action !== 'updated' || !before || before.path === after.path) return;
    const oldPath = before.path as string;
    await sql`update org_unit set path = ${after.path as string} || substr(path, ${oldPath.length + 1})
      where workspace_id = ${actor.workspaceId}::uuid and path like ${`${oldPath}%`} and id <> ${after.id}::uuid`.execute(trx);
  },
};
