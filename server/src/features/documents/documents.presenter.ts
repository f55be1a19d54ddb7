import { categoryLabels, type DocumentView } from '../../../../shared/src/documents.js';
import type { AccessContext } from '../../platform/access.js';
import type { DocumentRow } from './documents.repo.js';

/**
 * A document row as the API shows it, fields chosen one by one; the representatives' flag only to the person
 * themselves.
 */
export function presentDocument(
  row: DocumentRow,
  ctx: AccessContext,
  extra: { converted?: boolean } = {},
): DocumentView {
  return {
    id: row.id,
    title: row.title,
    category: row.category as DocumentView['category'],
    categoryLabel: categoryLabels[row.category] ?? row.category,
    space: row.space,
    documentDate: row.document_date,
    author: {
      kind: row.author_kind,
      name:
        row.author_kind === 'professional' && row.pro_last_name
          ? `${row.pro_first_name ?? ''} ${row.pro_last_name}`.trim()
          : null,
    },
    typeCode: row.type_code,
    mimeType: row.mime_type,
    fileName: row.file_name,
    sizeBytes: row.size_bytes,
    sha256: row.sha256.toString('hex'),
    hiddenFromProfessionals: row.hidden_from_professionals,
    ...(ctx.relation === 'self' ? { hiddenFromRepresentatives: row.hidden_from_representatives } : {}),
    createdAt: row.created_at.toISOString(),
    ...(extra.converted ? { converted: true } : {}),
  };
}
