-- A reply's draft keeps its chosen attachments (issue 11, item 4): documents and administrative papers by
-- reference (read again at sending, through the documents' rules and access), the synthesis as a flag (it is
-- generated at sending), and the device's files stored like attachments (encrypted blobs under upload intents,
-- row and intent removal in one transaction); at sending they become the message's attachments, same blobs.
alter table message_draft
  add column document_ids uuid[] not null default '{}',
  add column synthesis boolean not null default false;

create table message_draft_file (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references message_draft(conversation_id),
  profile_id uuid not null references profile(id),
  file_name text not null,
  mime_type text not null,
  size_bytes integer not null,
  sha256 bytea not null,
  blob_key uuid not null unique,
  compatible boolean not null,
  created_at timestamptz not null default now()
);
create index message_draft_file_conversation on message_draft_file (conversation_id, created_at);
