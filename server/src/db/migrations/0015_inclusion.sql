-- Inclusion (issue 15). Sessions say where they were last used (the network prefix of the address, never the
-- whole address); passkeys (WebAuthn) let a person sign in with the phone's fingerprint or face after a first
-- login with password and one-time code; challenges are single use and short-lived.

alter table session add column ip_prefix text;

create table passkey (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references account(id),
  credential_id text not null unique,          -- base64url, as the authenticator gave it
  public_key bytea not null,                   -- COSE public key
  counter bigint not null default 0,
  transports text[] not null default '{}',
  device_type text not null,                   -- singleDevice | multiDevice
  backed_up boolean not null default false,
  name text not null,                          -- « Chrome sur Android », from the browser that registered it
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index passkey_account on passkey (account_id) where revoked_at is null;

create table webauthn_challenge (
  id_hash bytea primary key,                   -- SHA-256 of the token the browser holds
  account_id uuid references account(id),      -- registration: the signed-in account; sign-in: null
  purpose text not null check (purpose in ('register', 'login')),
  challenge text not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
