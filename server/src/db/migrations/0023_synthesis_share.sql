-- « la synthèse » shared with a professional (R6.5): the sections the patient chose for them, and when.
-- Kept on the patient's list row: only an authorized professional can be given it, blocking withdraws it,
-- and the PDF is generated when the professional opens it (always the current profile, never a stale copy).
alter table professional_access
  add column synthesis_sections text[],
  add column synthesis_shared_at timestamptz;
