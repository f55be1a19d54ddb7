-- Codes of an enrolment batch are issued in chunks of "people of this batch without a code yet": without
-- this index each chunk scans every profile (seen in the enrol benchmark: 263 codes/s at 1,000,000 people).
create index profile_batch_to_issue on profile (enrolment_batch, id) where code_sent_at is null;
