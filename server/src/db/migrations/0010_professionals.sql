-- Professionals (issue 10, R8): the directory's fields, professional sessions (separate from patients'),
-- the patient's lists (authorized / blocked, administrators, roles), the emergency switches, break-the-glass
-- grants, reports of an access, and the document visibility a professional may set (INVISIBLE_PATIENT).

alter table professional
  add column structure_name text,
  add column structure_id text,
  add column structure_id_kind text check (structure_id_kind in ('FINESS', 'SIRET')),
  add column mssante_address text,
  -- A regulator of a SAMU centre 15 (emergency regulation access, access mode centre_15).
  add column regulator boolean not null default false,
  add column import_ref text,
  add column updated_at timestamptz not null default now();

-- A professional's signed-in session: only the SHA-256 of the cookie's token is kept, as for patients.
create table professional_session (
  token_hash bytea primary key,
  professional_id uuid not null references professional(id),
  -- Authentication context of the sign-in (Pro Santé Connect: eidas1).
  acr text not null,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz
);
create index professional_session_pro on professional_session (professional_id);

-- How one professional stands to one patient's space (R8.1–R8.3, R8.7): authorized after consent collected
-- at a visit, or blocked by the patient (even before any access); administrator; a recorded role.
create table professional_access (
  profile_id uuid not null references profile(id),
  professional_id uuid not null references professional(id),
  status text not null check (status in ('authorized', 'blocked')),
  -- « Depuis le … »: when this status began.
  since timestamptz not null default now(),
  consent_at timestamptz,
  first_access_at timestamptz,
  last_access_at timestamptz,
  administrator boolean not null default false,
  role text check (role in ('medecin_traitant', 'sage_femme_referente', 'pharmacien_correspondant')),
  updated_at timestamptz not null default now(),
  primary key (profile_id, professional_id)
);
create index professional_access_pro on professional_access (professional_id);

-- « Accès en cas d'urgence » (R8.5): three separate switches. No row = the defaults (the law allows emergency
-- access unless the person opposed it: SAMU and break-the-glass on, hidden documents not readable).
create table emergency_setting (
  profile_id uuid primary key references profile(id),
  samu boolean not null default true,
  break_glass boolean not null default true,
  hidden_readable boolean not null default false,
  updated_at timestamptz not null default now()
);

-- An emergency access opened by a professional: a stated reason, a mode, and an end (time-limited).
create table emergency_access (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references profile(id),
  professional_id uuid not null references professional(id),
  mode text not null check (mode in ('bris_de_glace', 'centre_15')),
  reason text not null,
  started_at timestamptz not null default now(),
  ends_at timestamptz not null
);
create index emergency_access_open on emergency_access (profile_id, professional_id, ends_at);

-- « Signaler un accès » on a line of the journal (R8.6).
create table access_report (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references profile(id),
  journal_seq bigint not null,
  professional_id uuid references professional(id),
  reported_by uuid not null references account(id),
  description text not null,
  status text not null default 'open' check (status in ('open', 'closed')),
  created_at timestamptz not null default now(),
  unique (profile_id, journal_seq)
);

-- A document a professional deposited invisible to the patient until the announcement consultation.
alter table document add column invisible_to_patient boolean not null default false;
