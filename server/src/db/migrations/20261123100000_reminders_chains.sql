-- A3: reminders. A task keeps the reminders its people asked for (N minutes/hours/days before the
-- deadline, as [{"amount":15,"unit":"minutes"}]); each becomes a row of `reminder`, a one-shot job
-- that the every-minute scan fires (claimed with SKIP LOCKED in the transaction that writes the
-- notification, so it fires once across restarts and server processes).
alter table task add column reminders jsonb not null default '[]'::jsonb;

-- callbacks: "call back at <time>" about a partner or a contact person, with a note
create table callback (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  call_at timestamptz not null,
  note text,
  partner_id uuid references partner(id),
  contact_id uuid references contact(id),
  -- who calls back (defaults to the author)
  user_id uuid references users(id),
  done_at timestamptz,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz,
  check (partner_id is not null or contact_id is not null)
);
create index callback_ws_call on callback (workspace_id, call_at, id);
create index callback_ws_updated on callback (workspace_id, updated_at desc, id);
create index callback_ws_created on callback (workspace_id, created_at, id);
create index callback_ws_user on callback (workspace_id, user_id, call_at) where deleted_at is null and done_at is null;
create index callback_ws_created_by on callback (workspace_id, created_by);
create index callback_ws_partner on callback (workspace_id, partner_id, call_at);
create index callback_ws_contact on callback (workspace_id, contact_id, call_at);

create table reminder (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  kind text not null check (kind in ('task', 'callback', 'contract')),
  -- the notification kind it fires as (users choose channels per kind)
  notify_kind text not null default 'reminder',
  -- who is reminded (a task's assignee, a callback's person, a contract's owner)
  user_id uuid references users(id) on delete cascade,
  task_id uuid references task(id) on delete cascade,
  offset_minutes int check (offset_minutes is null or offset_minutes between 0 and 527040),
  callback_id uuid references callback(id) on delete cascade,
  contract_id uuid references contract(id) on delete cascade,
  -- a contract's end date this reminder is about (one reminder per end date)
  ends_on date,
  -- set when the text is made at scheduling time (in the recipient's language)
  title text,
  link text,
  remind_at timestamptz not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'cancelled')),
  sent_at timestamptz,
  notification_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- the scan reads only this: pending reminders by due time (a few rows however many tasks there are)
create index reminder_pending_due on reminder (remind_at) where status = 'pending';
create unique index reminder_task_offset on reminder (task_id, offset_minutes) where kind = 'task';
create unique index reminder_callback on reminder (callback_id) where kind = 'callback';
create unique index reminder_contract_end on reminder (contract_id, ends_on) where kind = 'contract';
create index reminder_ws_user on reminder (workspace_id, user_id, remind_at);

-- "My reminders": birthdays and name days of the coming days by month and day, and first names
create index contact_ws_birthday_md on contact (workspace_id, ((extract(month from birthday) * 100 + extract(day from birthday))::int))
  where birthday is not null and deleted_at is null;
create index contact_ws_first_name_norm on contact (workspace_id, kontakt_normalize(first_name)) where deleted_at is null;
create index contact_ws_name_day on contact (workspace_id, name_day) where name_day is not null and deleted_at is null;

-- A7: task chains. A template is an ordered list of steps (title, type, assignee rule, deadline
-- offset in days after the previous step is done); a chain is one run of a template on a partner or
-- an opportunity, with a copy of the steps; completing its task of step n creates step n+1 once.
create table task_chain_template (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  name text not null,
  description text,
  steps jsonb not null,
  active boolean not null default true,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create index task_chain_template_ws_name on task_chain_template (workspace_id, name, id);
create index task_chain_template_ws_updated on task_chain_template (workspace_id, updated_at desc, id);
create index task_chain_template_ws_created on task_chain_template (workspace_id, created_at, id);

create table task_chain (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  template_id uuid not null references task_chain_template(id),
  name text not null,
  steps jsonb not null,
  step_count int not null,
  current_step int not null default 1,
  status text not null default 'running' check (status in ('running', 'done')),
  partner_id uuid references partner(id),
  opportunity_id uuid references opportunity(id),
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create index task_chain_ws_updated on task_chain (workspace_id, updated_at desc, id);
create index task_chain_ws_created on task_chain (workspace_id, created_at, id);
create index task_chain_ws_created_by on task_chain (workspace_id, created_by);
create index task_chain_ws_partner on task_chain (workspace_id, partner_id);
create index task_chain_ws_opportunity on task_chain (workspace_id, opportunity_id);
create index task_chain_ws_template on task_chain (workspace_id, template_id);

alter table task add column chain_id uuid references task_chain(id), add column chain_step int;
-- one task per step of a chain, ever (completing, reopening and completing again creates nothing)
create unique index task_chain_step on task (chain_id, chain_step) where chain_id is not null;
