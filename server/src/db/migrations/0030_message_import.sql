-- Messages read back by the operator's FHIR import (issue 12 §6): their source is 'import'.
alter table message drop constraint message_source_check;
alter table message add constraint message_source_check check (source in ('web', 'portal', 'smtp', 'import'));
