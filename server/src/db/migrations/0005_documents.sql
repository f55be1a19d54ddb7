-- Documents (R7): CI-SIS type code, the file's original name (cleaned, shown and offered on download,
-- never used as a path), the space (health documents or administrative papers), idempotent imports,
-- the per-profile "hide new documents from professionals" switch, and upload intents so that a crash
-- between writing the blob and committing its row leaves neither.

alter table document
  add column type_code text,
  add column file_name text not null default 'document',
  add column space text not null default 'health' check (space in ('health', 'admin')),
  add column import_ref text,
  add column updated_at timestamptz not null default now();
create unique index document_import_ref on document (profile_id, import_ref) where import_ref is not null;
create index document_profile_space on document (profile_id, space, document_date desc nulls last);

create table document_setting (
  profile_id uuid primary key references profile(id),
  hide_new_from_professionals boolean not null default false,
  updated_at timestamptz not null default now()
);

-- One row per upload in progress, committed before the blob is written and removed in the transaction
-- that makes the document visible. A row left behind by a dead writer names a blob to erase.
create table document_upload (
  blob_key uuid primary key,
  profile_id uuid not null references profile(id),
  writer text not null,             -- host:pid of the process writing the blob
  created_at timestamptz not null default now()
);
