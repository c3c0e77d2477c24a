-- The head of an org unit: "my manager" falls back to it when a user has no explicit manager.
-- No foreign key on purpose: users already reference org_unit, and a cycle of references between
-- the two tables would stop a backup from restoring table by table. The service checks the id.
alter table org_unit add column head_user_id uuid;
create index org_unit_ws_head on org_unit (workspace_id, head_user_id) where head_user_id is not null;
