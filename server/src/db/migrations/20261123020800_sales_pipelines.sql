-- S2: opportunities move through the stages of a pipeline (default: 1 Presentation, 2 Offer,
-- 3 Negotiation, 4 Sale, X Lost); each stage has a probability, an outcome and fields it requires.
create table pipeline (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  name text not null,
  is_default boolean not null default false,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create index pipeline_ws_name on pipeline (workspace_id, name, id);
create unique index pipeline_one_default on pipeline (workspace_id) where is_default and deleted_at is null;

create table pipeline_stage (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  pipeline_id uuid not null references pipeline(id) on delete cascade,
  name text not null,
  position int not null,
  probability int not null check (probability between 0 and 100),
  outcome text not null default 'open' check (outcome in ('open', 'won', 'lost')),
  required_fields text[] not null default '{}',
  deleted_at timestamptz
);
create index pipeline_stage_pipeline on pipeline_stage (pipeline_id, position);

create table opportunity (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  name text not null,
  pipeline_id uuid not null references pipeline(id),
  stage_id uuid not null references pipeline_stage(id),
  partner_id uuid references partner(id),
  contact_id uuid references contact(id),
  amount numeric(18, 2),
  currency text,
  expected_close date,
  source text,
  lost_reason text,
  next_step text,
  description text,
  stage_entered_at timestamptz not null default now(),
  closed_at timestamptz,
  owner_id uuid references users(id),
  org_unit_id uuid references org_unit(id),
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create index opportunity_ws_stage on opportunity (workspace_id, stage_id, updated_at desc, id) where deleted_at is null;
create index opportunity_ws_pipeline on opportunity (workspace_id, pipeline_id, stage_id) where deleted_at is null;
create index opportunity_ws_name on opportunity (workspace_id, name, id);
create index opportunity_ws_updated on opportunity (workspace_id, updated_at desc, id);
create index opportunity_ws_owner on opportunity (workspace_id, owner_id);
create index opportunity_ws_partner on opportunity (workspace_id, partner_id);
create index opportunity_ws_close on opportunity (workspace_id, expected_close, id);

create table opportunity_stage_history (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  opportunity_id uuid not null references opportunity(id) on delete cascade,
  stage_id uuid not null references pipeline_stage(id),
  entered_at timestamptz not null,
  left_at timestamptz,
  actor_id uuid
);
create index opportunity_stage_history_opp on opportunity_stage_history (opportunity_id, entered_at);
