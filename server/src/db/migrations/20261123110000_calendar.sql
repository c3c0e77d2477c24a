-- A4/A5/B3: the calendar. Recurring events keep their rule (RFC 5545 RRULE subset) on the event and
-- are expanded when read; single occurrences are removed with exception dates (EXDATE) and a changed
-- occurrence becomes its own event pointing back at its series.
alter table event
  add column rrule text,
  -- start times (UTC instants) of occurrences taken out of the series
  add column exdates jsonb not null default '[]'::jsonb,
  -- IANA zone the rule repeats in (wall-clock time stays fixed across daylight saving); null = workspace's
  add column time_zone text,
  -- end of the last occurrence (null while the rule repeats for ever); kept by the service
  add column recurrence_ends_at timestamptz,
  -- an occurrence edited on its own (or the rest of a split series) points at the series it came from
  add column series_id uuid references event(id),
  add constraint event_rrule_length check (rrule is null or length(rrule) <= 500);

-- What a week of one person's calendar reads: events starting in the range (plus a day before), by
-- owner; and, separately, the few rows that may reach into the range from further back — recurring
-- series and events longer than a day — through a small partial index. The predicate is repeated
-- verbatim by calendar.repository.ts so the planner can use it.
create index event_calendar_owner on event (workspace_id, owner_id, starts_at) include (ends_at)
  where deleted_at is null;
create index event_calendar_spanning on event (workspace_id, owner_id, starts_at)
  where deleted_at is null and (rrule is not null or ends_at - starts_at > interval '24 hours');
create index event_series on event (series_id) where series_id is not null;

-- tasks in the calendar: by assignee and deadline
create index task_calendar_assignee on task (workspace_id, assignee_id, due_at)
  where deleted_at is null and due_at is not null;
create index reservation_calendar_owner on reservation (workspace_id, owner_id, starts_at)
  where deleted_at is null;

-- Per person: working hours shown in the calendar and the secret iCalendar feed token (only its
-- SHA-256 is kept; rotating replaces it, so the old URL stops working at once).
create table calendar_setting (
  user_id uuid primary key references users(id) on delete cascade,
  workspace_id uuid not null references workspace(id) on delete cascade,
  -- ISO weekdays 1 (Monday) … 7 (Sunday)
  work_days jsonb not null default '[1,2,3,4,5]'::jsonb,
  work_start text not null default '08:00' check (work_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  work_end text not null default '17:00' check (work_end ~ '^([01][0-9]|2[0-4]):[0-5][0-9]$'),
  feed_token_hash text unique,
  feed_token_created_at timestamptz,
  updated_at timestamptz not null default now()
);
create index calendar_setting_ws on calendar_setting (workspace_id);
