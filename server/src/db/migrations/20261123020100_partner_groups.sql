-- P4: partners belong to a group (e.g. "Distributors", "Key accounts") and carry categories and tags.
create table partner_group (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  name text not null,
  description text,
  color text,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create index partner_group_ws_name on partner_group (workspace_id, name, id);
create unique index partner_group_ws_name_live on partner_group (workspace_id, lower(name)) where deleted_at is null;

alter table partner add column group_id uuid references partner_group(id);
alter table partner add column categories text[] not null default '{}';
create index partner_ws_group on partner (workspace_id, group_id);
create index partner_tags on partner using gin (tags);
create index partner_categories on partner using gin (categories);
