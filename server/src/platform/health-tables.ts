/**
 * The tables that hold health data (R6, R7; later messages). Only `*.repo.ts` files may name them in a
 * query, each statement scoped by the access context's profile: `health-tables.test.ts` checks the tree.
 * A feature that adds a health table adds it here.
 */
export const HEALTH_TABLES = [
  'medical_item',
  'measure',
  'medical_wishes',
  'care_event',
  'document',
  'document_setting',
  'document_upload',
  'conversation',
  'message',
  'message_draft',
  'message_draft_file',
  'message_attachment',
  'message_upload',
  'export_archive',
  'export_ticket',
] as const;
