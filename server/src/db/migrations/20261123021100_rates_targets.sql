-- S3/S6: the workspace's exchange rates to its base currency (by date), and sales targets (plan)
-- per month for a salesperson, a product group or a client.
create table exchange_rate (
  workspace_id uuid not null references workspace(id) on delete cascade,
  currency text not null,
  valid_from date not null,
  -- units of the base currency for one unit of `currency`
  rate numeric(18, 8) not null check (rate > 0),
  updated_at timestamptz not null default now(),
  updated_by uuid,
  primary key (workspace_id, currency, valid_from)
);

create table sales_target (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  month date not null check (extract(day from month) = 1),
  owner_id uuid references users(id),
  product_group text,
  partner_id uuid references partner(id),
  amount numeric(18, 2) not null check (amount >= 0),
  notes text,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create index sales_target_ws_month on sales_target (workspace_id, month, id);
create index sales_target_ws_updated on sales_target (workspace_id, updated_at desc, id);
create index opportunity_ws_closed on opportunity (workspace_id, closed_at) where deleted_at is null;
create index sales_order_ws_confirmed on sales_order (workspace_id, confirmed_at) where deleted_at is null;
