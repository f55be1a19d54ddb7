import { hash, verify } from '@node-rs/argon2';
import { defineScenario } from '../lib/types.js';
import { argon2Options } from '../../server/src/platform/passwords.js';
import { hashPassword } from '../../server/src/platform/passwords.js';

/**
 * Login step 1 (username + password: one argon2id verification, a throttle check, an attempt row) over
 * HTTP, against the raw argon2id verification rate measured in the same run with the same parameters.
 * The ratio says how much of the login's cost is the password hash itself.
 */
export default defineScenario({
  name: 'login',
  description: 'POST /api/auth/login (argon2id verification) vs raw argon2id verifications/s',
  async run(ctx) {
    const { db } = ctx.platform;
    const password = 'Banc-d-essai-tres-solide-2026';
    const profile = await db
      .insertInto('profile')
      .values({
        birth_name: 'BENCH',
        first_names: 'Login',
        used_first_name: 'Login',
        sex: 'F',
        birth_date: '1980-01-01',
        status: 'activated',
        email: 'bench@example.org',
        email_verified_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('account')
      .values({ profile_id: profile.id, username: 'bench.login', password_hash: await hashPassword(password) })
      .execute();
    const stored = await hash(password, argon2Options);
    // Two in flight: argon2id runs on libuv's thread pool, as the server's verifications do.
    const raw = await ctx.rate('argon2id verify (raw, 19 MiB, t=2, p=1)', () => verify(stored, password), {
      concurrency: 2,
      unit: 'verifications/s',
    });
    const login = await ctx.http({
      label: 'POST /api/auth/login',
      path: '/api/auth/login',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-carnet-csrf': '1' },
      body: JSON.stringify({ username: 'bench.login', password }),
      connections: 4,
    });
    return [{ measurement: raw }, { measurement: login, ratio: ctx.ratio(login, raw), versus: 'raw argon2id' }];
  },
});
