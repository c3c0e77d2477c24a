-- S9: the contracts register — partner, group, value, validity, renewal; the original documents are
-- attachments; expiry reminders go to the owner before the end (once per end date).
create table contract (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  number text not null,
  title text not null,
  partner_id uuid not null references partner(id),
  contract_group text,
  value numeric(18, 2),
  currency text,
  signed_on date,
  starts_on date not null,
  ends_on date,
  renewal text not null default 'none' check (renewal in ('none', 'manual', 'automatic')),
  renewal_months int check (renewal_months is null or renewal_months between 1 and 120),
  notice_days int not null default 30 check (notice_days between 0 and 365),
  status text not null default 'active' check (status in ('draft', 'active', 'expired', 'terminated')),
  reminded_for date,
  notes text,
  owner_id uuid references users(id),
  org_unit_id uuid references org_unit(id),
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz,
  check (ends_on is null or ends_on >= starts_on)
);
create unique index contract_ws_number on contract (workspace_id, number) where deleted_at is null;
create index contract_ws_ends on contract (workspace_id, ends_on, id) where deleted_at is null;
create index contract_ws_partner on contract (workspace_id, partner_id);
create index contract_ws_updated on contract (workspace_id, updated_at desc, id);
create index contract_ws_group on contract (workspace_id, contract_group, id);
create index contract_ws_owner on contract (workspace_id, owner_id);
