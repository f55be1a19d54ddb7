-- Identity: enrolment, provisional codes, activation or opposition, one-time codes, login throttling.

alter table profile
  add column holder_id uuid references profile(id),           -- the adult a minor is attached to ("ayant droit")
  add column code_channel text check (code_channel in ('email', 'letter')),
  add column code_sent_at timestamptz,                        -- start of the 6-week opposition window
  add column creation_due_at timestamptz,                     -- code_sent_at + 6 weeks
  add column opposed_at timestamptz,
  add column activated_at timestamptz,
  add column email_verified_at timestamptz,
  add column phone_verified_at timestamptz,
  add column enrolment_batch text;
create index profile_holder on profile (holder_id) where holder_id is not null;
create index profile_creation_due on profile (creation_due_at) where status = 'enrolled';

-- Provisional codes: single use, stored as an HMAC only, expiring; a new one revokes the old ones.
create table provisional_code (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references profile(id),
  code_hash bytea not null,
  channel text not null check (channel in ('email', 'sms', 'letter')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  failures int not null default 0,
  used_at timestamptz,
  revoked_at timestamptz
);
create index provisional_code_profile on provisional_code (profile_id, created_at desc);

-- Letters to print: one PDF per enrolment batch, one page per person (codes are only inside the PDF).
create table letter_batch (
  id text primary key,
  created_at timestamptz not null default now(),
  pages int not null default 0,
  blob_key text
);

-- A started activation: after the code, NIR, birth date and card check, until the account exists.
create table activation_flow (
  id_hash bytea primary key,
  profile_id uuid not null references profile(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  decision text check (decision in ('activate', 'oppose')),
  email text,
  phone text,
  email_verified boolean not null default false,
  phone_verified boolean not null default false,
  finished_at timestamptz
);

-- A login in progress, after a right password and before the one-time code.
create table login_attempt (
  id_hash bytea primary key,
  account_id uuid references account(id),
  purpose text not null check (purpose in ('login', 'reset-password')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  finished_at timestamptz
);

-- One-time codes: 6 digits, HMAC only, bound to what they were sent for, 5 tries.
create table one_time_code (
  id uuid primary key default gen_random_uuid(),
  purpose text not null,      -- login, reset-password, activation-email, activation-phone, contact-email, contact-phone
  bound_to bytea not null,    -- the attempt, flow or account the code belongs to
  channel text not null check (channel in ('email', 'sms')),
  destination text not null,
  code_hash bytea not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  failures int not null default 0,
  used_at timestamptz,
  revoked_at timestamptz
);
create index one_time_code_bound on one_time_code (bound_to, purpose, created_at desc);

-- Failure counters for throttling: per username (known or not, so lockouts reveal nothing) and per address.
create table auth_throttle (
  key text primary key,
  failures int not null default 0,
  window_started_at timestamptz not null default now(),
  locked_until timestamptz
);
