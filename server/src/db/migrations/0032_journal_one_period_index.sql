-- Issue 13: the journal had the same index twice. journal_at (chain_id, at), from 0001, and
-- journal_chain_at (chain_id, at), from 0012, for the period of « Historique d'activité »: every journal
-- line (one per access to health data) paid a third B-tree insert and its WAL record for nothing, and the
-- journal's size per million profiles carried a whole index more. The one left is 0012's.
drop index journal_at;
