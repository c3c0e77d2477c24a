-- Partners (companies and private persons) and contact persons, linked many-to-many with a role.
create table partner (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  kind text not null default 'company' check (kind in ('company', 'person')),
  name text not null,
  legal_name text,
  status text not null default 'prospect' check (status in ('lead', 'prospect', 'customer', 'inactive')),
  tax_id text,
  tax_id_kind text,
  trade_register text,
  country text not null default 'RO',
  county text,
  city text,
  postal_code text,
  street text,
  -- further addresses: [{ "type": "legal|mailing|delivery", "street", "city", "postalCode", "county", "country" }]
  addresses jsonb not null default '[]'::jsonb,
  phone text,
  email text,
  website text,
  iban text,
  bic text,
  bank_name text,
  sector text,
  employees int,
  turnover numeric(18, 2),
  turnover_currency text,
  lead_source text,
  tags text[] not null default '{}',
  owner_id uuid references users(id),
  deputy_id uuid references users(id),
  org_unit_id uuid references org_unit(id),
  last_activity_at timestamptz,
  notes text,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create index partner_ws_name on partner (workspace_id, name, id);
create index partner_ws_updated on partner (workspace_id, updated_at desc, id);
create index partner_ws_status on partner (workspace_id, status, name, id);
create index partner_ws_owner on partner (workspace_id, owner_id);
create index partner_ws_deputy on partner (workspace_id, deputy_id);
create index partner_ws_city on partner (workspace_id, city);
create index partner_ws_tax_id on partner (workspace_id, tax_id) where deleted_at is null;
create index partner_name_trgm on partner using gin (kontakt_normalize(name) gin_trgm_ops);

create table contact (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  first_name text,
  last_name text not null,
  full_name text generated always as (trim(coalesce(first_name, '') || ' ' || last_name)) stored,
  email text,
  phone text,
  mobile text,
  position text,
  birthday date,
  name_day text,
  categories text[] not null default '{}',
  -- { "whatsapp": "+40…", "telegram": "@…", "viber": "…" }
  messaging jsonb not null default '{}'::jsonb,
  city text,
  country text,
  consent_email boolean not null default false,
  consent_at timestamptz,
  owner_id uuid references users(id),
  notes text,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create index contact_ws_name on contact (workspace_id, last_name, first_name, id);
create index contact_ws_full_name on contact (workspace_id, full_name, id);
create index contact_ws_updated on contact (workspace_id, updated_at desc, id);
create index contact_ws_email on contact (workspace_id, lower(email));
create index contact_ws_owner on contact (workspace_id, owner_id);
create index contact_name_trgm on contact using gin (kontakt_normalize(full_name) gin_trgm_ops);

create table partner_contact (
  workspace_id uuid not null references workspace(id) on delete cascade,
  partner_id uuid not null references partner(id) on delete cascade,
  contact_id uuid not null references contact(id) on delete cascade,
  role text,
  is_primary boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partner_id, contact_id)
);
create index partner_contact_contact on partner_contact (contact_id);
