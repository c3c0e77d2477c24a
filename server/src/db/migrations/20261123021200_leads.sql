-- S1/P7: marketing campaigns and competitors on leads and opportunities; round-robin lead assignment.
create table campaign (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  name text not null,
  status text not null default 'planned' check (status in ('planned', 'running', 'finished', 'cancelled')),
  starts_on date,
  ends_on date,
  objective text,
  segment text,
  budget numeric(18, 2),
  expected_revenue numeric(18, 2),
  currency text,
  owner_id uuid references users(id),
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz,
  check (ends_on is null or starts_on is null or ends_on >= starts_on)
);
create index campaign_ws_name on campaign (workspace_id, name, id);
create index campaign_ws_starts on campaign (workspace_id, starts_on desc, id);

alter table partner add column campaign_id uuid references campaign(id);
alter table opportunity add column campaign_id uuid references campaign(id);
create index partner_ws_campaign on partner (workspace_id, campaign_id);
create index opportunity_ws_campaign on opportunity (workspace_id, campaign_id);

create table competitor (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  name text not null,
  website text,
  strengths text,
  weaknesses text,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create index competitor_ws_name on competitor (workspace_id, name, id);

-- which competitors a lead/partner or an opportunity is contested by
create table competitor_link (
  workspace_id uuid not null references workspace(id) on delete cascade,
  competitor_id uuid not null references competitor(id) on delete cascade,
  entity text not null check (entity in ('partner', 'opportunity')),
  record_id uuid not null,
  primary key (entity, record_id, competitor_id)
);
create index competitor_link_competitor on competitor_link (competitor_id);

-- round-robin: the last person a pool of assignees gave a lead to
create table lead_rotation (
  workspace_id uuid not null references workspace(id) on delete cascade,
  pool text not null,
  last_user_id uuid,
  primary key (workspace_id, pool)
);
