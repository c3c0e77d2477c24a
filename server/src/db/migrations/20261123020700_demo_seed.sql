-- The demo data a workspace was filled with (kontakt seed --demo, or the setup page): once per workspace.
create table demo_seed (
  workspace_id uuid primary key references workspace(id) on delete cascade,
  seeded_at timestamptz not null default now(),
  counts jsonb not null default '{}'::jsonb
);
