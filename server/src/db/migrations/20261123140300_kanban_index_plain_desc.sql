-- Lists now sort a column that is never NULL plainly ("updated_at desc", not "desc nulls last"), so the
-- plain descending indexes every table has serve them. The kanban's index made for "desc nulls last"
-- (20261123130000) follows: same columns, plain order.
drop index if exists opportunity_ws_stage;
create index opportunity_ws_stage on opportunity (workspace_id, stage_id, updated_at desc, id) where deleted_at is null;
