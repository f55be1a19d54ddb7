import { sql, type RawBuilder } from 'kysely';
import { MAJORITY_AGE } from '../../../shared/src/age.js';

/** SQL: the birth date in `column` is a minor's today (the rule of shared/src/age.ts, on the database's clock). */
export function minorSql(column: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} > current_date - make_interval(years => ${MAJORITY_AGE})`;
}
