-- A6: task analysis and workload. Counts by deadline and by completion use task_ws_due and
-- task_ws_completed; the workload per person reads only unfinished tasks, by assignee.
create index task_ws_unfinished on task (workspace_id, assignee_id, due_at) where completed_at is null and deleted_at is null;

-- R3/M7: lead-source effectiveness follows the leads created in a period (by source) to their
-- conversion and won amount: when a lead became a prospect is kept on the partner.
alter table partner add column converted_at timestamptz;
update partner p set converted_at = a.at
  from (select workspace_id, record_id, min(at) as at from audit_log where entity = 'partner' and action = 'converted' group by 1, 2) a
  where a.workspace_id = p.workspace_id and a.record_id = p.id;
create index partner_ws_created_source on partner (workspace_id, created_at, lead_source) where deleted_at is null;
