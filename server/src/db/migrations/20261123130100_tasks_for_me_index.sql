-- "Tasks for me": my unfinished tasks by deadline. Without this the planner may walk the whole
-- workspace's deadline index and skip everyone else's and all done tasks (350,000 rows, 100 ms with
-- 400,000 tasks); with it, the first page is the first entries of the index (0.1 ms).
create index task_ws_assignee_open_due on task (workspace_id, assignee_id, due_at, id) where deleted_at is null and status <> 'done';
