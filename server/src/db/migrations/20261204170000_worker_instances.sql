-- Who holds a job's lease: each worker process registers itself (an id of its own, its host and
-- process id) and beats a heartbeat. On start, and on every heartbeat, a worker releases the
-- leases of holders that are gone — a process no longer alive on this host, or a heartbeat long
-- stale — so a job interrupted by a kill -9 resumes at once instead of after its lease runs out.
-- A global table (workers serve every workspace), like job itself.
create table worker_instance (
  id text primary key,
  hostname text not null,
  pid int not null,
  started_at timestamptz not null default now(),
  heartbeat_at timestamptz not null default now()
);

alter table job add column locked_by text;
-- when a job was last taken over from a holder that was gone (the import screen says "resumed")
alter table job add column resumed_at timestamptz;
