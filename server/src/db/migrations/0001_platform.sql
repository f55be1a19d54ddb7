-- Platform tables: people's profiles and accounts (identity fills them in), professionals,
-- sessions, the access journal, the outbox of e-mails and SMS, and document metadata.
-- Every patient-owned table carries profile_id so that it can be distributed by it later.

create table profile (
  id uuid primary key default gen_random_uuid(),
  nir char(15) unique,
  birth_name text not null,
  first_names text not null,
  used_first_name text not null,
  sex char(1) not null check (sex in ('M', 'F')),
  birth_date date not null,
  birth_place_insee text,
  vitale_serial text,
  email text,
  phone text,
  postal_address jsonb,
  status text not null default 'enrolled'
    check (status in ('enrolled', 'created', 'activated', 'opposed', 'closed')),
  created_at timestamptz not null default now()
);

create table account (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null unique references profile(id),
  username text not null,
  password_hash text not null,
  created_at timestamptz not null default now()
);
create unique index account_username_ci on account (lower(username));

-- A legal representative (an adult's profile) acting for a minor's profile.
create table representation (
  representative_id uuid not null references profile(id),
  profile_id uuid not null references profile(id),
  status text not null default 'validated' check (status in ('waiting', 'validated', 'refused', 'ended')),
  created_at timestamptz not null default now(),
  primary key (profile_id, representative_id)
);

create table professional (
  id uuid primary key default gen_random_uuid(),
  rpps char(11) not null unique check (rpps ~ '^[0-9]{11}$'),
  profession_code text not null,
  first_name text not null,
  last_name text not null,
  specialty text,
  created_at timestamptz not null default now()
);

create table session (
  token_hash bytea primary key,
  account_id uuid not null references account(id),
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz
);
create index session_account on session (account_id);

-- The access journal: append-only; each line is chained to the previous line of its chain
-- (one chain per profile, one for events tied to no profile) by a SHA-256 hash.
create table journal_head (
  chain_id uuid primary key,
  seq bigint not null,
  hash bytea not null
);

create table journal (
  chain_id uuid not null,
  seq bigint not null,
  at timestamptz not null,
  actor_kind text not null,
  actor_id text,
  on_behalf_of uuid,
  action text not null,
  resource_type text,
  resource_id text,
  reason text not null check (reason in ('normal', 'emergency')),
  detail jsonb not null default '{}',
  prev_hash bytea not null,
  hash bytea not null,
  primary key (chain_id, seq)
);
create index journal_at on journal (chain_id, at);

create function journal_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the journal is append-only';
end $$;
create trigger journal_no_update before update or delete on journal
  for each statement execute function journal_is_append_only();
create trigger journal_no_truncate before truncate on journal
  for each statement execute function journal_is_append_only();

-- E-mails and SMS, written in the same transaction as the change that causes them.
create table outbox_message (
  id uuid primary key default gen_random_uuid(),
  channel text not null check (channel in ('email', 'sms')),
  recipient text not null,
  subject text,
  body text not null,
  kind text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  transport text,
  attempts int not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbox_pending on outbox_message (created_at) where status = 'pending';

create table document (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references profile(id),
  title text not null,
  category text not null,
  document_date date,
  mime_type text not null,
  size_bytes int not null,
  sha256 bytea not null,
  blob_key text not null,
  author_kind text not null check (author_kind in ('patient', 'professional', 'import')),
  author_professional_id uuid references professional(id),
  hidden_from_professionals boolean not null default false,
  hidden_from_representatives boolean not null default false,
  created_at timestamptz not null default now()
);
create index document_profile on document (profile_id, created_at desc);
