-- A5: rooms, cars, machines and equipment, and their reservations; two reservations of a resource
-- never overlap (checked with the resource row locked, so simultaneous bookings cannot both pass).
create table resource (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  name text not null,
  kind text not null default 'room' check (kind in ('room', 'car', 'machine', 'equipment')),
  description text,
  location text,
  capacity int,
  color text,
  active boolean not null default true,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create index resource_ws_name on resource (workspace_id, name, id);
create index resource_ws_kind on resource (workspace_id, kind, name, id);

create table reservation (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  resource_id uuid not null references resource(id),
  title text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  partner_id uuid references partner(id),
  notes text,
  owner_id uuid references users(id),
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz,
  check (ends_at > starts_at)
);
create index reservation_resource_time on reservation (resource_id, starts_at, ends_at) where deleted_at is null;
create index reservation_ws_starts on reservation (workspace_id, starts_at, id);
create index reservation_ws_owner on reservation (workspace_id, owner_id, starts_at);
create index reservation_ws_updated on reservation (workspace_id, updated_at desc, id);
create index reservation_ws_partner on reservation (workspace_id, partner_id);
