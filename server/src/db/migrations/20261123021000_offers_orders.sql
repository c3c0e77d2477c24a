-- S4: offers and orders with their lines, numbered by series per year; a stage of a pipeline says
-- which documents an opportunity in it may produce (Offer stage: offers; Negotiation: orders).
alter table pipeline_stage add column allows_documents text[] not null default '{}';

create table number_series (
  workspace_id uuid not null references workspace(id) on delete cascade,
  kind text not null,
  year int not null,
  prefix text not null,
  last_number int not null default 0,
  primary key (workspace_id, kind, year)
);

create table offer (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  number text not null,
  status text not null default 'draft' check (status in ('draft', 'sent', 'accepted', 'rejected', 'expired')),
  partner_id uuid not null references partner(id),
  contact_id uuid references contact(id),
  opportunity_id uuid references opportunity(id),
  issue_date date not null default current_date,
  valid_until date,
  currency text not null,
  language text not null default 'en',
  notes text,
  subtotal numeric(18, 2) not null default 0,
  vat_total numeric(18, 2) not null default 0,
  total numeric(18, 2) not null default 0,
  sent_at timestamptz,
  decided_at timestamptz,
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
create unique index offer_ws_number on offer (workspace_id, number);
create index offer_ws_updated on offer (workspace_id, updated_at desc, id);
create index offer_ws_partner on offer (workspace_id, partner_id, status);
create index offer_ws_status on offer (workspace_id, status, issue_date desc, id);
create index offer_ws_owner on offer (workspace_id, owner_id);
create index offer_ws_issue on offer (workspace_id, issue_date desc, id);

create table sales_order (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  number text not null,
  status text not null default 'draft' check (status in ('draft', 'confirmed', 'delivered', 'cancelled')),
  partner_id uuid not null references partner(id),
  contact_id uuid references contact(id),
  opportunity_id uuid references opportunity(id),
  offer_id uuid references offer(id),
  issue_date date not null default current_date,
  delivery_date date,
  currency text not null,
  language text not null default 'en',
  notes text,
  subtotal numeric(18, 2) not null default 0,
  vat_total numeric(18, 2) not null default 0,
  total numeric(18, 2) not null default 0,
  confirmed_at timestamptz,
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
create unique index sales_order_ws_number on sales_order (workspace_id, number);
create index sales_order_ws_updated on sales_order (workspace_id, updated_at desc, id);
create index sales_order_ws_partner on sales_order (workspace_id, partner_id, status);
create index sales_order_ws_status on sales_order (workspace_id, status, issue_date desc, id);
create index sales_order_ws_owner on sales_order (workspace_id, owner_id);
create index sales_order_ws_issue on sales_order (workspace_id, issue_date desc, id);

-- lines of offers and orders; amounts computed by the database's exact numeric arithmetic
create table document_line (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  document_id uuid not null,
  position int not null,
  product_id uuid references product(id),
  description text not null,
  quantity numeric(18, 4) not null check (quantity > 0),
  unit text not null default 'pcs',
  unit_price numeric(18, 4) not null check (unit_price >= 0),
  discount_percent numeric(5, 2) not null default 0 check (discount_percent >= 0 and discount_percent <= 100),
  vat_rate numeric(5, 2) not null check (vat_rate >= 0 and vat_rate < 100),
  net numeric(18, 2) not null,
  vat numeric(18, 2) not null,
  gross numeric(18, 2) not null
);
create index document_line_document on document_line (document_id, position);
create index document_line_product on document_line (workspace_id, product_id);
