-- What the app nodes of a cluster share instead of keeping it in one process's memory (issue 14 §1).
-- Per-address request limits of @fastify/rate-limit (sign-in, activation, recovery…): one counter per key
-- and window for every node, so three nodes do not allow three times the limit.
create table rate_limit_hit (
  key text primary key,
  hits integer not null,
  window_ends_at timestamptz not null
);
create index rate_limit_hit_window on rate_limit_hit (window_ends_at);

-- The bundled development OpenID provider's records (interactions, sessions, codes, grants, tokens):
-- oidc-provider's adapter interface over one table, so a flow started on one node finishes on another.
create table oidc_record (
  model text not null,
  id text not null,
  payload jsonb not null,
  grant_id text,
  user_code text,
  uid text,
  expires_at timestamptz,
  consumed_at timestamptz,
  primary key (model, id)
);
create index oidc_record_grant on oidc_record (grant_id) where grant_id is not null;
create index oidc_record_uid on oidc_record (model, uid) where uid is not null;
create index oidc_record_user_code on oidc_record (model, user_code) where user_code is not null;
create index oidc_record_expiry on oidc_record (expires_at) where expires_at is not null;

-- Its signing key, the same on every node (a token signed by one verifies against another's JWKS),
-- sealed with a key derived from the master key.
create table oidc_signing_key (
  id text primary key,
  sealed bytea not null,
  created_at timestamptz not null default now()
);
