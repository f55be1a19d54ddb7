-- Issue 13, item 5: what a million enrolment rows cost PostgreSQL is mostly index maintenance (five WAL
-- records a row: the heap, the primary key, nir, profile_batch_to_issue, profile_creation_due).

-- Every enrolled person had an entry with a null key in profile_creation_due, though the only query of it
-- (identity.jobs.ts: creation_due_at <= now) never reads nulls: the date is set when the code is sent.
drop index profile_creation_due;
create index profile_creation_due on profile (creation_due_at) where status = 'enrolled' and creation_due_at is not null;

-- Ids of enrolled people: random (gen_random_uuid), as everywhere. Time-ordered ids (uuidv7) were tried for
-- index locality and left: several places take an id's first characters as a reference (the opposition
-- certificate's OPP-<date>-<8 characters>, FHIR resource ids in server/src/features/fhir/fhir.map.ts, test
-- usernames), and the first characters of a uuidv7 are its time — the same for every person of one import.
create function enrolment_profile_id() returns uuid language sql volatile parallel safe as 'select gen_random_uuid()';
