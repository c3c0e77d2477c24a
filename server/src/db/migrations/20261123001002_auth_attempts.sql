-- Counted authentication attempts (failed sign-ins, password-reset requests, workspace sign-ups), shared
-- by every server process. `key` is a SHA-256 of what is counted (e-mail, address), never the plain value.
create table auth_attempt (
  id uuid primary key,
  kind text not null,
  key text not null,
  at timestamptz not null default now()
);
create index auth_attempt_key on auth_attempt (kind, key, at);
