-- Imports of partners and contacts from CSV/XLSX files: the uploaded file (a blob), its analysis,
-- the mapping chosen, progress and counts, and every rejected row with its reasons.
create table import_job (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  entity text not null,
  file_name text not null,
  sha256 text not null references file_blob(sha256),
  size bigint not null,
  format text not null check (format in ('csv', 'xlsx')),
  encoding text,
  delimiter text,
  headers jsonb not null default '[]'::jsonb,
  mapping jsonb,
  on_duplicate text not null default 'skip' check (on_duplicate in ('skip', 'update')),
  dry_run boolean not null default false,
  status text not null default 'analysed' check (status in ('analysed', 'queued', 'running', 'done', 'failed')),
  total_rows int,
  processed_rows int not null default 0,
  created_count int not null default 0,
  updated_count int not null default 0,
  duplicate_count int not null default 0,
  rejected_count int not null default 0,
  error text,
  job_id uuid,
  created_at timestamptz not null default now(),
  created_by uuid references users(id),
  started_at timestamptz,
  finished_at timestamptz
);
create index import_job_ws_created on import_job (workspace_id, created_at desc, id);

create table import_rejected_row (
  import_id uuid not null references import_job(id) on delete cascade,
  row_number int not null,
  -- 'invalid' (validation), 'duplicate' (matches an existing record or an earlier row), 'failed' (its batch failed)
  reason text not null,
  messages jsonb not null,
  cells jsonb not null,
  primary key (import_id, row_number)
);

-- Mappings kept by name for files of the same shape (column headers → fields).
create table import_mapping (
  id uuid primary key,
  workspace_id uuid not null references workspace(id) on delete cascade,
  entity text not null,
  name text not null,
  mapping jsonb not null,
  headers jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid references users(id),
  unique (workspace_id, entity, name)
);

-- Duplicate checks of imports look partners and contacts up by e-mail and by normalised name.
create index partner_ws_email on partner (workspace_id, lower(email)) where deleted_at is null;
create index partner_ws_norm_name on partner (workspace_id, kontakt_normalize(name)) where deleted_at is null;
create index contact_ws_norm_name on contact (workspace_id, kontakt_normalize(full_name)) where deleted_at is null;
