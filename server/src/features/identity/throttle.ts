import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

export interface ThrottlePolicy {
  /** Failures allowed within the window before the key is locked. */
  max: number;
  windowMinutes: number;
  lockMinutes: number;
}

export const PASSWORD_PER_USERNAME: ThrottlePolicy = { max: 5, windowMinutes: 15, lockMinutes: 15 };
export const PASSWORD_PER_ADDRESS: ThrottlePolicy = { max: 30, windowMinutes: 15, lockMinutes: 15 };
/** Wrong login codes per account, across login attempts (each attempt alone allows 5). */
export const LOGIN_CODE_PER_ACCOUNT: ThrottlePolicy = { max: 10, windowMinutes: 15, lockMinutes: 15 };
export const IDENTIFY_PER_ADDRESS: ThrottlePolicy = { max: 10, windowMinutes: 15, lockMinutes: 30 };
/** Username availability lookups per address (each one counts: the answer says whether an account exists). */
export const USERNAME_CHECK_PER_ADDRESS: ThrottlePolicy = { max: 60, windowMinutes: 15, lockMinutes: 15 };

/** True while `key` is locked. */
export async function isLocked(db: Executor, key: string): Promise<boolean> {
  const row = await db.selectFrom('auth_throttle').select('locked_until').where('key', '=', key).executeTakeFirst();
  return !!row?.locked_until && row.locked_until.getTime() > Date.now();
}

/** Counts one failure for `key`; locks it for lockMinutes when max is reached within the window. */
export async function recordFailure(db: Executor, key: string, p: ThrottlePolicy): Promise<void> {
  await sql`
    insert into auth_throttle as t (key, failures, window_started_at) values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when t.window_started_at < now() - make_interval(mins => ${p.windowMinutes}) then 1 else t.failures + 1 end,
      window_started_at = case when t.window_started_at < now() - make_interval(mins => ${p.windowMinutes}) then now() else t.window_started_at end,
      locked_until = case
        when t.window_started_at >= now() - make_interval(mins => ${p.windowMinutes}) and t.failures + 1 >= ${p.max}
        then now() + make_interval(mins => ${p.lockMinutes}) else t.locked_until end`.execute(db);
}

export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}
