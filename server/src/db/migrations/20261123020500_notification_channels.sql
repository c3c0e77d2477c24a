-- C2: each user chooses per kind of notification how it reaches them: in the app, by e-mail, by SMS.
create table notification_preference (
  workspace_id uuid not null references workspace(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  kind text not null,
  in_app boolean not null,
  email boolean not null,
  sms boolean not null,
  updated_at timestamptz not null default now(),
  primary key (user_id, kind)
);

-- a notification the user turned off in the app is still kept (it may have gone by e-mail or SMS)
alter table notification add column in_app boolean not null default true;
alter table notification add column channels text[] not null default '{in_app}';
drop index notification_user;
create index notification_user on notification (user_id, created_at desc) where in_app;

-- SMS handed to the gateway; the default gateway only records them here (and in the log)
create table sms_message (
  id uuid primary key,
  workspace_id uuid references workspace(id) on delete cascade,
  to_phone text not null,
  body text not null,
  status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
  gateway text,
  gateway_id text,
  error text,
  notification_id uuid,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index sms_message_ws_created on sms_message (workspace_id, created_at desc, id);
