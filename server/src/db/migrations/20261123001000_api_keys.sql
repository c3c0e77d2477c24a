-- API keys for integrations: a key acts as its user, optionally limited to one role's grants.
create table api_key (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  name text not null,
  prefix text not null unique,
  -- sha256 of the secret part; the secret itself is shown once and never stored
  hash text not null,
  role_id uuid references role(id) on delete set null,
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  created_by uuid
);
create index api_key_ws on api_key (workspace_id, created_at desc, id);
create index api_key_user on api_key (user_id);
