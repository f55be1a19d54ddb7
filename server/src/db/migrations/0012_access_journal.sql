-- The patient's side of professionals' access (issue 10): the journal as the patient reads it, and the
-- signature of each chain head under a key kept outside the database (JOURNAL_SIGNING_KEY).

-- Ed25519 signature of (chain_id, seq, hash): a chain rewritten by someone with only database access
-- cannot be signed again. Null for heads written before a key existed (signed at the next start).
alter table journal_head add column signature bytea;

-- « Historique d'activité », professionals' tab: a chain's professional lines newest first without
-- walking the patient's own lines (most of a chain). « Mes activités » reads the primary key backwards.
create index journal_professional_lines on journal (chain_id, seq) where actor_kind = 'professional';
-- A period (« du … au … ») turned into the seq of its first and last lines: `at` grows with `seq` on a chain.
create index journal_chain_at on journal (chain_id, at);

-- « Signaler un accès »: the reports of one professional on one profile, and an account's recent reports
-- (the rate limit).
create index access_report_professional on access_report (profile_id, professional_id, created_at);
create index access_report_reporter on access_report (reported_by, created_at);
