-- Family: the second legal representative's invitation, caregivers ("aidants"), and the trace of who
-- declared being a minor's legal representative.

alter table representation
  add column declared_at timestamptz,            -- « Je certifie être le représentant légal… »
  add column ended_at timestamptz,
  add column end_reason text;                     -- withdrawn, majority

-- « Partager » the child's profile with the second legal representative: matched on identity at login.
create table representative_invitation (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references profile(id),       -- the minor
  invited_by uuid not null references profile(id),       -- the representative who shares
  last_name text not null,
  first_name text not null,
  birth_date date not null,
  status text not null default 'waiting' check (status in ('waiting', 'validated', 'refused', 'cancelled')),
  representative_id uuid references profile(id),         -- who accepted or refused
  created_at timestamptz not null default now(),
  decided_at timestamptz
);
create index representative_invitation_profile on representative_invitation (profile_id);
create index representative_invitation_match on representative_invitation (birth_date) where status = 'waiting';

-- Caregivers: an adult invites another adult, by identity, until an end date.
create table caregiving (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references profile(id),       -- the person helped
  last_name text not null,
  first_name text not null,
  birth_date date not null,
  ends_on date not null,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'refused', 'expired', 'ended')),
  caregiver_id uuid references profile(id),              -- set when the invitee answers
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  ended_at timestamptz,
  ended_by text
);
create index caregiving_profile on caregiving (profile_id);
create index caregiving_caregiver on caregiving (caregiver_id) where status = 'accepted';
create index caregiving_match on caregiving (birth_date) where status = 'pending';
