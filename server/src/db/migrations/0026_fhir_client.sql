-- Professionals' software for the FHIR R4 API (SMART Backend Services, issue 12 §5): registered by a
-- professional in the portal, bound to them, authenticated by a JWT assertion signed with its private key
-- (private_key_jwt, RS384 or ES384). Carnet keeps the public JWK only; revoking keeps the row (the journal
-- names the client) and refuses the client at once, at the token endpoint and on the API.
create table fhir_client (
  client_id text primary key,
  professional_id uuid not null references professional (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  jwk jsonb not null,
  alg text not null check (alg in ('RS384', 'ES384')),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index fhir_client_professional on fhir_client (professional_id, created_at);
