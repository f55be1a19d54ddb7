-- Medical profile (R6): lists (conditions, treatments, allergies, vaccinations, contacts), measures,
-- wishes, care history. Every table is keyed by profile_id (sharding, see docs/architecture.md).

-- One row per entry of a list; `data` has the shape of the kind's Zod schema (shared/src/medical.ts),
-- validated on the way in and again by the presenter on the way out.
create table medical_item (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references profile(id),
  kind text not null check (kind in ('conditions', 'treatments', 'allergies', 'vaccinations', 'contacts')),
  data jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index medical_item_profile on medical_item (profile_id, kind, created_at);

-- A measure's value, stored as FHIR codes it: LOINC code, UCUM unit (height in cm). Blood pressure keeps
-- its systolic in `value` and its diastolic in `value2`. BMI is never stored: it is computed.
create table measure (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references profile(id),
  kind text not null,
  loinc text not null,
  ucum text not null,
  value numeric not null,
  value2 numeric,
  moment text,
  measured_at timestamp not null,            -- the person's local time, as typed
  created_at timestamptz not null default now()
);
create index measure_profile_kind on measure (profile_id, kind, measured_at desc);

create table medical_wishes (
  profile_id uuid primary key references profile(id),
  directives text,
  directives_updated_at timestamptz,
  donation_stance text check (donation_stance in ('favorable', 'opposed', 'undecided')),
  donation_note text,
  updated_at timestamptz not null default now()
);

-- Reimbursed care imported by the operator; import_ref makes the import idempotent.
create table care_event (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references profile(id),
  care_date date not null,
  kind text not null,
  professional text,
  amount_cents integer,
  reimbursed_cents integer,
  import_ref text not null,
  created_at timestamptz not null default now(),
  unique (profile_id, import_ref)
);
create index care_event_profile on care_event (profile_id, care_date desc);
