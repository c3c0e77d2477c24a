-- A1: events — the history of contact with a partner (call, meeting, visit, e-mail, letter, note),
-- with the time spent; private events are seen only by their owner and author (confidential scope).
create table event (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  kind text not null default 'note' check (kind in ('call', 'meeting', 'visit', 'email', 'letter', 'note')),
  subject text not null,
  description text,
  starts_at timestamptz not null default now(),
  ends_at timestamptz,
  minutes_spent int check (minutes_spent is null or minutes_spent >= 0),
  partner_id uuid references partner(id),
  contact_id uuid references contact(id),
  opportunity_id uuid references opportunity(id),
  owner_id uuid references users(id),
  is_private boolean not null default false,
  location text,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz,
  check (ends_at is null or ends_at >= starts_at)
);
create index event_ws_starts on event (workspace_id, starts_at desc, id);
create index event_ws_ends on event (workspace_id, ends_at, id);
create index event_ws_updated on event (workspace_id, updated_at desc, id);
create index event_ws_created on event (workspace_id, created_at, id);
create index event_ws_kind on event (workspace_id, kind, starts_at desc, id);
create index event_ws_subject on event (workspace_id, subject, id);
create index event_ws_minutes on event (workspace_id, minutes_spent, id);
create index event_ws_partner on event (workspace_id, partner_id, starts_at desc);
create index event_ws_contact on event (workspace_id, contact_id, starts_at desc);
create index event_ws_opportunity on event (workspace_id, opportunity_id);
create index event_ws_owner on event (workspace_id, owner_id, starts_at desc);
create index event_ws_created_by on event (workspace_id, created_by);
create index event_ws_private on event (workspace_id, is_private) where is_private;
create index event_subject_trgm on event using gin (kontakt_normalize(subject) gin_trgm_ops);
create index event_location_trgm on event using gin (kontakt_normalize(location) gin_trgm_ops);

-- A2: tasks. The status is the system's: done when completed; overdue when the deadline passed;
-- in progress once started; else open. It depends on the clock, so it is stored (filterable,
-- indexable) and kept true by the writes and by a job every minute (kontakt_task_status is the one
-- definition of the rule, used by both).
create function kontakt_task_status(completed_at timestamptz, starts_at timestamptz, due_at timestamptz, at timestamptz)
returns text language sql immutable parallel safe as $$
  select case
    when completed_at is not null then 'done'
    when due_at < at then 'overdue'
    when starts_at <= at then 'in_progress'
    else 'open'
  end
$$;

create table task (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  type text not null default 'other' check (type in ('call', 'meeting', 'offer', 'follow_up', 'other')),
  title text not null,
  description text,
  partner_id uuid references partner(id),
  contact_id uuid references contact(id),
  opportunity_id uuid references opportunity(id),
  starts_at timestamptz,
  due_at timestamptz,
  completed_at timestamptz,
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high')),
  assignee_id uuid references users(id),
  status text not null default 'open' check (status in ('open', 'in_progress', 'overdue', 'done')),
  -- the tasks made by one dispatch to several people share it
  dispatch_id uuid,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz,
  check (due_at is null or starts_at is null or due_at >= starts_at)
);
create index task_ws_due on task (workspace_id, due_at, id);
create index task_ws_starts on task (workspace_id, starts_at, id);
create index task_ws_completed on task (workspace_id, completed_at, id);
create index task_ws_updated on task (workspace_id, updated_at desc, id);
create index task_ws_created on task (workspace_id, created_at, id);
create index task_ws_title on task (workspace_id, title, id);
create index task_ws_type on task (workspace_id, type, due_at, id);
create index task_ws_priority on task (workspace_id, priority, due_at, id);
create index task_ws_status on task (workspace_id, status, due_at, id);
create index task_ws_assignee on task (workspace_id, assignee_id, status, due_at);
create index task_ws_created_by on task (workspace_id, created_by, status, due_at);
create index task_ws_partner on task (workspace_id, partner_id, due_at);
create index task_ws_contact on task (workspace_id, contact_id);
create index task_ws_opportunity on task (workspace_id, opportunity_id);
create index task_ws_dispatch on task (workspace_id, dispatch_id) where dispatch_id is not null;
create index task_title_trgm on task using gin (kontakt_normalize(title) gin_trgm_ops);
-- what the every-minute job looks at: unfinished tasks whose start or deadline may have come
create index task_pending_due on task (due_at) where status in ('open', 'in_progress') and due_at is not null;
create index task_pending_start on task (starts_at) where status = 'open' and starts_at is not null;

-- replies to a task (from its assignee, its author, anyone who may read it), plain text
create table task_comment (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  task_id uuid not null references task(id) on delete cascade,
  author_id uuid references users(id),
  body text not null,
  created_at timestamptz not null default now()
);
create index task_comment_task on task_comment (workspace_id, task_id, created_at, id);
