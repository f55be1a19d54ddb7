import matrix from './access-matrix.json' with { type: 'json' };
import professions from './professions.json' with { type: 'json' };

/** TRE_G15 profession codes and labels shipped with Carnet (source named in professions.json). */
export const professionLabels: Readonly<Record<string, string>> = professions.professions;
export const professionSource = professions.source;

/** A row of the access matrix once read: every type but exclusions, or only listed types. */
export interface MatrixRow {
  status: string;
  /** '*' = every type code but `excludedCodes`; otherwise only these type codes. */
  types: '*' | readonly string[];
  excludedCodes: readonly string[];
  /** Categories a document without a type code may have ('*' = any health category). */
  categories: '*' | readonly string[];
}

type RawRow = {
  status: string;
  types: string | string[];
  excluded?: { label: string; code: string | null }[];
  categories: string | string[];
};

function read(raw: RawRow): MatrixRow {
  const excludedCodes = (raw.excluded ?? []).flatMap((e) => (e.code ? [e.code] : []));
  return {
    status: raw.status,
    // An exclusion wins over a listed type, here as in professionMayRead (the SQL filter reads `types`).
    types: raw.types === '*' ? '*' : (raw.types as string[]).filter((c) => !excludedCodes.includes(c)),
    excludedCodes,
    categories: raw.categories === '*' ? '*' : (raw.categories as string[]),
  };
}

const rows: Record<string, MatrixRow> = Object.fromEntries(
  Object.entries(matrix.professions as Record<string, RawRow>).map(([code, raw]) => [code, read(raw)]),
);
const fallback = read(matrix.default as RawRow);

/** The matrix row of a profession: its own when shipped, else the conservative default. */
export function matrixRow(professionCode: string): MatrixRow {
  return rows[professionCode] ?? fallback;
}

/** The professions with a row of their own in the shipped matrix. */
export const matrixProfessions = Object.keys(rows);
export const matrixSource: readonly string[] = matrix.source;

/** May a profession read a document of this type code (or, with no code, of this category)? */
export function professionMayRead(professionCode: string, typeCode: string | null, category: string): boolean {
  const row = matrixRow(professionCode);
  if (typeCode) {
    if (row.excludedCodes.includes(typeCode)) return false;
    return row.types === '*' || row.types.includes(typeCode);
  }
  return row.categories === '*' || row.categories.includes(category);
}

/** The facts of a document the decision looks at. */
export interface DocumentFacts {
  typeCode: string | null;
  category: string;
  space: 'health' | 'admin';
  hiddenFromProfessionals: boolean;
  authorProfessionalId: string | null;
}

/** The facts of the access the decision looks at (what the professional's access context carries). */
export interface ReaderFacts {
  professionalId: string;
  professionCode: string;
  /** MASQUE_PS documents readable: an administrator, or an emergency with hidden documents readable. */
  seesHidden: boolean;
}

/**
 * The one decision on a document for a professional (R7.6, R8.4), used by the portal, and later by the
 * FHIR API and message attachments: the author always reads their own deposits; administrative papers
 * never; a document hidden from professionals (MASQUE_PS) only with `seesHidden`; otherwise the matrix
 * by profession × type code. The documents repository applies the same rule in SQL
 * (documents.repo.ts); the matrix test checks the two agree on every cell.
 */
export function mayReadDocument(doc: DocumentFacts, reader: ReaderFacts): boolean {
  if (doc.authorProfessionalId && doc.authorProfessionalId === reader.professionalId) return true;
  if (doc.space !== 'health') return false;
  if (doc.hiddenFromProfessionals && !reader.seesHidden) return false;
  return professionMayRead(reader.professionCode, doc.typeCode, doc.category);
}
