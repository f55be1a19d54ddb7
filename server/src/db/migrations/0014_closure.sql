-- Closure (R10, CSP R1111-36): when a space was closed, whether its definitive deletion was asked, until
-- when it stays archived, and when its data was deleted; the « Télécharger mes données » archives.

alter table profile
  add column closed_at timestamptz,
  add column deletion_requested_at timestamptz,
  add column archive_until timestamptz,        -- closed_at + 10 years, then the purge job deletes the data
  add column deleted_at timestamptz;           -- the data is gone; only the reduced identity and the journal stay
create index profile_archive_until on profile (archive_until) where status = 'closed' and deleted_at is null;

-- One « Télécharger mes données » archive: a ZIP written by a background job in encrypted parts of the
-- blob store (blob_keys, in order), fetched with the password again until it expires.
create table export_archive (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references profile(id),
  requested_by uuid not null,                  -- the account that asked (the person or a representative)
  status text not null default 'pending' check (status in ('pending', 'running', 'ready', 'failed', 'expired')),
  progress int not null default 0 check (progress between 0 and 100),
  blob_keys text[] not null default '{}',
  size_bytes bigint,
  created_at timestamptz not null default now(),
  ready_at timestamptz,
  expires_at timestamptz,
  fetched_at timestamptz
);
create index export_archive_profile on export_archive (profile_id, created_at desc);
create index export_archive_expiry on export_archive (expires_at) where status = 'ready';

-- A one-time ticket to fetch a ready archive, given after the password was checked again (5 minutes).
create table export_ticket (
  token_hash bytea primary key,
  archive_id uuid not null references export_archive(id) on delete cascade,
  profile_id uuid not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
