-- The partner timeline: a projection of domain events (outbox) onto the partners they concern.
-- Keyed by the event, so projecting an event twice changes nothing.
create table partner_timeline (
  workspace_id uuid not null references workspace(id) on delete cascade,
  partner_id uuid not null references partner(id) on delete cascade,
  event_id bigint not null,
  at timestamptz not null,
  type text not null,
  entity text not null,
  record_id uuid,
  actor_id uuid,
  payload jsonb not null default '{}'::jsonb,
  primary key (partner_id, event_id)
);
create index partner_timeline_page on partner_timeline (partner_id, at desc, event_id desc);
