-- The kanban columns list a stage's opportunities by -updatedAt, which the record lists order
-- "updated_at desc nulls last, id": the index was "desc" (nulls first), so every column sorted all of
-- its stage's rows (tens of milliseconds per column with 50,000 open and 150,000 closed). Same columns,
-- in the order the lists ask for.
drop index if exists opportunity_ws_stage;
create index opportunity_ws_stage on opportunity (workspace_id, stage_id, updated_at desc nulls last, id) where deleted_at is null;
