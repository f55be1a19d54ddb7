-- Secure messaging (issue 11, R9): one conversation per patient's space and professional, its messages
-- (subject and body sealed with a per-message key wrapped by the master key), one draft per conversation,
-- attachments stored like documents (encrypted blobs, upload intents for crash recovery), and the
-- professionals' SMTP credentials (argon2id hashes only).

create table conversation (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references profile(id),
  professional_id uuid not null references professional(id),
  -- « Confidentiel »: a professional marked this exchange with a minor confidential; representatives never see it.
  confidential boolean not null default false,
  -- « [Nom du PS] a mis fin à vos échanges »: set by the professional, cleared when they write again.
  ended_at timestamptz,
  -- The patient's side of the list, kept here so one indexed read pages it: the latest message the patient
  -- still has (null once they deleted the conversation and nothing came since), unread count, attachments.
  patient_last_message_id uuid,
  patient_last_at timestamptz,
  patient_unread integer not null default 0,
  patient_attachments boolean not null default false,
  -- The professional's side.
  pro_last_at timestamptz,
  pro_unread integer not null default 0,
  created_at timestamptz not null default now(),
  unique (profile_id, professional_id)
);
create index conversation_patient_list on conversation (profile_id, patient_last_at desc, id)
  where patient_last_at is not null;
create index conversation_pro_list on conversation (professional_id, pro_last_at desc, id);

create table message (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references conversation(id),
  profile_id uuid not null references profile(id),
  direction text not null check (direction in ('to_patient', 'to_professional')),
  -- The message's own AES-256-GCM key, wrapped by the messaging key (HKDF of the master key).
  dek bytea not null,
  subject_enc bytea not null,
  body_enc bytea not null,
  sent_at timestamptz not null default now(),
  read_at timestamptz,
  -- Who wrote a patient-side message: the person, a legal representative or a caregiver (names as written).
  author_account_id uuid references account(id),
  author_relation text check (author_relation in ('self', 'representative', 'caregiver')),
  author_name text,
  on_behalf_of_name text,
  attachment_count integer not null default 0,
  -- The patient deleted the conversation: their copy is gone, the professional's stays.
  hidden_for_patient boolean not null default false,
  source text not null check (source in ('web', 'portal', 'smtp')),
  smtp_message_id text,
  -- Patients' replies leave by SMTP to the professional's MSSanté address: pending, sent, local (no relay).
  relay_status text check (relay_status in ('pending', 'sent', 'local', 'failed'))
);
create index message_conversation on message (conversation_id, sent_at, id);
create index message_patient_unread on message (profile_id)
  where direction = 'to_patient' and read_at is null and not hidden_for_patient;

create table message_draft (
  conversation_id uuid primary key references conversation(id),
  profile_id uuid not null references profile(id),
  dek bytea not null,
  subject_enc bytea not null,
  body_enc bytea not null,
  updated_at timestamptz not null default now()
);

create table message_attachment (
  id uuid primary key default gen_random_uuid(),
  message_id uuid not null references message(id),
  profile_id uuid not null references profile(id),
  file_name text not null,
  mime_type text not null,
  size_bytes integer not null,
  sha256 bytea not null,
  blob_key uuid not null unique,
  -- Passed the Documents' content rules: can be added to Documents; otherwise download only.
  compatible boolean not null,
  source text not null check (source in ('device', 'document', 'admin', 'synthesis', 'portal', 'smtp')),
  position integer not null default 0
);
create index message_attachment_message on message_attachment (message_id, position);

-- Upload intents of attachments (same recovery as documents: committed before the blob is written).
create table message_upload (
  blob_key uuid primary key,
  profile_id uuid not null references profile(id),
  writer text not null,
  created_at timestamptz not null default now()
);

-- SMTP AUTH for professionals' own mail software: issued from the portal, shown once, argon2id hash kept.
create table professional_smtp_credential (
  professional_id uuid primary key references professional(id),
  username text not null unique,
  password_hash text not null,
  created_at timestamptz not null default now()
);
