-- Platform tables: tenants, identity (better-auth's user/session/account/verification with our
-- columns), org model and access, audit, outbox, jobs, custom fields, files, search, mail, notifications.
create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- unaccent() is only STABLE; an IMMUTABLE wrapper with an explicit dictionary can be indexed.
create or replace function kontakt_unaccent(text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Search normal form: lower case, no diacritics, Cyrillic transliterated to Latin (Ukrainian rules,
-- simplified) so "Шевченко", "Sevcenko" and "Shevchenko" meet.
create or replace function kontakt_normalize(text) returns text
  language sql immutable parallel safe strict
  as $$ select translate(
    replace(replace(replace(replace(replace(replace(replace(replace(replace(
      lower(kontakt_unaccent($1)),
      'щ','shch'),'ж','zh'),'х','kh'),'ц','ts'),'ч','ch'),'ш','sh'),'ю','iu'),'я','ia'),'є','ie'),
    'абвгґдезиіїйклмнопрстуфыэьъё',
    'abvhgdezyiiiklmnoprstufyeyye') $$;

create table workspace (
  id uuid primary key,
  name text not null,
  slug text not null unique,
  locale text not null default 'en',
  currency text not null default 'EUR',
  settings jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table org_unit (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  parent_id uuid references org_unit(id),
  name text not null,
  code text,
  -- materialised path of ids ('/root/child/') so "team = unit and below" is one prefix match
  path text not null,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create index org_unit_ws_path on org_unit (workspace_id, path text_pattern_ops);
create index org_unit_ws_name on org_unit (workspace_id, name, id);

-- better-auth's "user" model, stored as users with the CRM's own columns beside it.
create table users (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  name text not null,
  email text not null unique,
  email_verified boolean not null default false,
  image text,
  locale text not null default 'en',
  theme text not null default 'light',
  position text,
  phone text,
  birthday date,
  org_unit_id uuid references org_unit(id),
  manager_id uuid references users(id),
  is_admin boolean not null default false,
  active boolean not null default true,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create index users_ws_name on users (workspace_id, name, id);
create index users_ws_org on users (workspace_id, org_unit_id);

create table session (
  id uuid primary key,
  user_id uuid not null references users(id) on delete cascade,
  token text not null unique,
  expires_at timestamptz not null,
  ip_address text,
  user_agent text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index session_user_id on session (user_id);

create table account (
  id uuid primary key,
  user_id uuid not null references users(id) on delete cascade,
  account_id text not null,
  provider_id text not null,
  access_token text,
  refresh_token text,
  id_token text,
  access_token_expires_at timestamptz,
  refresh_token_expires_at timestamptz,
  scope text,
  password text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index account_user on account (user_id);

create table verification (
  id uuid primary key,
  identifier text not null,
  value text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index verification_identifier on verification (identifier);

create table user_group (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  name text not null,
  description text,
  custom jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create index user_group_ws_name on user_group (workspace_id, name, id);

create table user_group_member (
  workspace_id uuid not null references workspace(id) on delete cascade,
  group_id uuid not null references user_group(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  primary key (group_id, user_id)
);
create index user_group_member_user on user_group_member (user_id);

-- grants: { "<area>": { "<action>": "none" | "own" | "team" | "all" } }
create table role (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  name text not null,
  description text,
  grants jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz
);
create index role_ws_name on role (workspace_id, name, id);

create table user_role (
  workspace_id uuid not null references workspace(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  role_id uuid not null references role(id) on delete cascade,
  primary key (user_id, role_id)
);

create table group_role (
  workspace_id uuid not null references workspace(id) on delete cascade,
  group_id uuid not null references user_group(id) on delete cascade,
  role_id uuid not null references role(id) on delete cascade,
  primary key (group_id, role_id)
);

-- Record-level grants (confidential projects, document folders): who besides the scope may see a record.
create table record_grant (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  entity text not null,
  record_id uuid not null,
  principal_type text not null check (principal_type in ('user','group','org_unit')),
  principal_id uuid not null,
  access text not null check (access in ('read','write')),
  created_at timestamptz not null default now(),
  created_by uuid,
  unique (workspace_id, entity, record_id, principal_type, principal_id)
);
create index record_grant_principal on record_grant (workspace_id, principal_type, principal_id, entity);

create table audit_log (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  entity text not null,
  record_id uuid not null,
  action text not null,
  actor_id uuid,
  at timestamptz not null default now(),
  changes jsonb not null default '{}'::jsonb
);
create index audit_log_record on audit_log (workspace_id, entity, record_id, id desc);

-- Transactional outbox: written with the change, consumed by jobs (timeline, search, webhooks…).
create table outbox_event (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  type text not null,
  entity text not null,
  record_id uuid,
  actor_id uuid,
  payload jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);

-- Position of each outbox consumer, so every consumer sees every event once.
create table outbox_cursor (
  consumer text primary key,
  last_event_id bigint not null default 0,
  updated_at timestamptz not null default now()
);

create table job (
  id uuid primary key,
  queue text not null,
  workspace_id uuid references workspace(id) on delete cascade,
  payload jsonb not null default '{}'::jsonb,
  -- a job with a key exists once: enqueueing it again is a no-op (idempotent sends)
  dedupe_key text unique,
  status text not null default 'pending' check (status in ('pending','running','done','failed')),
  run_at timestamptz not null default now(),
  attempts int not null default 0,
  max_attempts int not null default 5,
  locked_until timestamptz,
  last_error text,
  progress jsonb,
  result jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index job_due on job (run_at) where status in ('pending','running');
create index job_queue on job (queue, status);

create table job_schedule (
  name text primary key,
  queue text not null,
  every_seconds int not null,
  payload jsonb not null default '{}'::jsonb,
  next_run_at timestamptz not null default now()
);

-- Admin-defined extra fields: values live in each entity's custom jsonb.
create table custom_field (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  entity text not null,
  key text not null,
  type text not null,
  label jsonb not null default '{}'::jsonb,
  options jsonb,
  required boolean not null default false,
  position int not null default 0,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  version int not null default 1,
  deleted_at timestamptz,
  unique (workspace_id, entity, key)
);

create table file_blob (
  sha256 text primary key,
  size bigint not null,
  mime_type text not null,
  created_at timestamptz not null default now()
);

create table attachment (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  entity text,
  record_id uuid,
  sha256 text not null references file_blob(sha256),
  file_name text not null,
  mime_type text not null,
  size bigint not null,
  created_at timestamptz not null default now(),
  created_by uuid,
  deleted_at timestamptz
);
create index attachment_record on attachment (workspace_id, entity, record_id);

create table search_document (
  workspace_id uuid not null references workspace(id) on delete cascade,
  entity text not null,
  record_id uuid not null,
  title text not null,
  subtitle text,
  body text,
  -- access columns copied from the record so results are filtered like lists are
  owner_id uuid,
  org_unit_id uuid,
  normalized_title text not null,
  tsv tsvector not null,
  updated_at timestamptz not null default now(),
  primary key (workspace_id, entity, record_id)
);
create index search_document_tsv on search_document using gin (tsv);
create index search_document_trgm on search_document using gin (normalized_title gin_trgm_ops);

-- Outgoing mail: sent over SMTP when configured, otherwise kept here as the visible outbox.
create table mail_message (
  id uuid primary key,
  workspace_id uuid references workspace(id) on delete cascade,
  to_address text not null,
  subject text not null,
  text_body text,
  html_body text,
  status text not null default 'queued' check (status in ('queued','sent','failed','kept')),
  attempts int not null default 0,
  last_error text,
  message_id text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index mail_message_ws on mail_message (workspace_id, created_at desc);

create table notification (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  kind text not null,
  title text not null,
  body text,
  link text,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
create index notification_user on notification (user_id, created_at desc);

create table saved_view (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  entity text not null,
  name text not null,
  owner_id uuid not null references users(id) on delete cascade,
  shared boolean not null default false,
  definition jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1
);
create index saved_view_ws_entity on saved_view (workspace_id, entity);
