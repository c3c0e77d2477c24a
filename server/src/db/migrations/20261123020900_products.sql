-- S5: products and services with their characteristics, cost and VAT; price lists (wholesale,
-- retail, with delivery …) valid for a period, whose items give the product's price there.
create table product (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  code text not null,
  name text not null,
  kind text not null default 'product' check (kind in ('product', 'service')),
  product_group text,
  unit text not null default 'pcs',
  description text,
  characteristics jsonb not null default '{}'::jsonb,
  cost numeric(18, 4),
  cost_currency text,
  -- null: the standard rate of the partner's country applies on offers and orders
  vat_rate numeric(5, 2) check (vat_rate >= 0 and vat_rate < 100),
  active boolean not null default true,
  photo_attachment_id uuid,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create unique index product_ws_code on product (workspace_id, lower(code)) where deleted_at is null;
create index product_ws_name on product (workspace_id, name, id);
create index product_ws_group on product (workspace_id, product_group, name, id);
create index product_ws_updated on product (workspace_id, updated_at desc, id);
create index product_name_trgm on product using gin (kontakt_normalize(name) gin_trgm_ops);

create table price_list (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  name text not null,
  kind text not null default 'retail' check (kind in ('wholesale', 'retail', 'delivery', 'other')),
  currency text not null,
  valid_from date not null,
  valid_to date,
  active boolean not null default true,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz,
  check (valid_to is null or valid_to >= valid_from)
);
create index price_list_ws_kind on price_list (workspace_id, kind, currency, valid_from);
create index price_list_ws_name on price_list (workspace_id, name, id);

create table price_list_item (
  price_list_id uuid not null references price_list(id) on delete cascade,
  product_id uuid not null references product(id),
  workspace_id uuid not null references workspace(id) on delete cascade,
  price numeric(18, 4) not null check (price >= 0),
  updated_at timestamptz not null default now(),
  updated_by uuid,
  primary key (price_list_id, product_id)
);
create index price_list_item_product on price_list_item (product_id);
