-- The patient's conversation list (« Messagerie », issue 11: fast with 10,000 messages in one inbox) pages
-- its ids from this index alone: key in the list's order (latest first, id to break ties, both descending as
-- the query sorts them; the old index had `id` ascending, so ties were sorted apart), `confidential` carried
-- for the representatives' filter and `patient_unread` for the unread sum, so the page and the counts are
-- index-only scans. Deleted conversations (patient_last_at null) stay out, as before.
drop index conversation_patient_list;
create index conversation_patient_page on conversation (profile_id, patient_last_at desc, id desc)
  include (confidential, patient_unread)
  where patient_last_at is not null;
