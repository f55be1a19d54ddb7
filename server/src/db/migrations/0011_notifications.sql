-- Notification preferences per kind (R11; issues 10 and 11): messages, documents, accesses (a professional's
-- access: at the first access of each professional, at every access, or never), agenda. No row = defaults.
create table notification_setting (
  profile_id uuid primary key references profile(id),
  messages boolean not null default true,
  documents boolean not null default true,
  accesses text not null default 'first' check (accesses in ('first', 'every', 'never')),
  agenda boolean not null default true,
  updated_at timestamptz not null default now()
);
