import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, settings } from './config.js';
import { run } from '../test/spawn.js';

const key32 = randomBytes(32).toString('base64');

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('loads the defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      NODE_ENV: 'development',
      DATABASE_URL: '',
      DATA_DIR: './data',
      BLOB_DIR: './data/blobs',
      LOG_LEVEL: 'info',
      WORKERS: true,
      SEED_DEMO: true,
      BRAND_OFFICIAL: false,
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 12,
    });
    // Every setting has a meaning documented (the README's table is made from it).
    for (const [name, s] of Object.entries(settings)) expect(s.doc.length, name).toBeGreaterThan(5);
  });

  it('makes PUBLIC_URL follow PORT when it is unset or empty', () => {
    expect(loadConfig({}).PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '3120' }).PUBLIC_URL).toBe('http://localhost:3120');
    expect(loadConfig({ PORT: '3120', PUBLIC_URL: '' }).PUBLIC_URL).toBe('http://localhost:3120');
    // A given address is kept as it is, whatever the port.
    expect(loadConfig({ PORT: '3120', PUBLIC_URL: 'https://carnet.example.org' }).PUBLIC_URL).toBe(
      'https://carnet.example.org',
    );
  });

  it('reads good values', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u:p@db:5432/carnet',
      MASTER_KEY: key32,
      LOG_LEVEL: 'warn',
      WORKERS: 'false',
      DATA_DIR: '/srv/carnet',
      SMTP_URL: 'smtps://u:p@mail:465',
    });
    expect(c).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgresql://u:p@db:5432/carnet',
      LOG_LEVEL: 'warn',
      WORKERS: false,
      BLOB_DIR: '/srv/carnet/blobs',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', ''],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['EMBEDDED_PG_PORT', '-1'],
    ['DATABASE_URL', 'mysql://root@localhost/carnet'],
    ['MASTER_KEY', randomBytes(16).toString('base64')],
    ['MASTER_KEY', 'not base64 at all!'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['PUBLIC_URL', 'localhost:3000'],
    ['SMTP_URL', 'http://mail.example.org'],
    ['SMS_URL', 'nope'],
    ['SMS_URL', 'ftp://sms.example.org/send'],
    ['PUBLIC_URL', 'javascript:alert(1)'],
    ['WORKERS', 'yes'],
    ['SEED_DEMO', '1'],
    ['OPERATOR_TOKEN', 'short'],
    ['SESSION_IDLE_MINUTES', '0'],
    ['SESSION_ABSOLUTE_HOURS', 'twelve'],
  ])('refuses %s=%j with a message naming the variable', (name, value) => {
    const err = refusal({ [name]: value });
    expect(err.message).toMatch(new RegExp(`^  ${name}=`, 'm'));
  });

  it('names every bad variable at once', () => {
    const err = refusal({ PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(err.message).toMatch(/PORT=/);
    expect(err.message).toMatch(/LOG_LEVEL=/);
  });

  it('refuses production without MASTER_KEY or without SMTP_URL, and never seeds demo data there', () => {
    expect(refusal({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail:25' }).message).toMatch(/MASTER_KEY/);
    expect(refusal({ NODE_ENV: 'production', MASTER_KEY: key32 }).message).toMatch(/SMTP_URL/);
    const both = refusal({ NODE_ENV: 'production' }).message;
    expect(both).toMatch(/MASTER_KEY/);
    expect(both).toMatch(/SMTP_URL/);
    expect(
      refusal({
        NODE_ENV: 'production',
        MASTER_KEY: key32,
        SMTP_URL: 'smtp://mail:25',
        PRO_OIDC_ISSUER: 'https://auth.example.org/realms/psc',
        PRO_OIDC_CLIENT_ID: 'carnet',
        PRO_OIDC_CLIENT_SECRET: 's3cret',
      }).message,
    ).toMatch(/JOURNAL_SIGNING_KEY/);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        MASTER_KEY: key32,
        JOURNAL_SIGNING_KEY: key32,
        SMTP_URL: 'smtp://mail:25',
        SEED_DEMO: 'true',
        PRO_OIDC_ISSUER: 'https://auth.example.org/realms/psc',
        PRO_OIDC_CLIENT_ID: 'carnet',
        PRO_OIDC_CLIENT_SECRET: 's3cret',
      }).SEED_DEMO,
    ).toBe(false);
  });

  it("refuses production without the professionals' issuer (the bundled OpenID provider is for development only)", () => {
    expect(
      refusal({ NODE_ENV: 'production', MASTER_KEY: key32, JOURNAL_SIGNING_KEY: key32, SMTP_URL: 'smtp://mail:25' })
        .message,
    ).toMatch(/PRO_OIDC_ISSUER/);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        MASTER_KEY: key32,
        JOURNAL_SIGNING_KEY: key32,
        SMTP_URL: 'smtp://mail:25',
        PRO_OIDC_ISSUER: 'https://auth.example.org/realms/psc',
        PRO_OIDC_CLIENT_ID: 'carnet',
        PRO_OIDC_CLIENT_SECRET: 's3cret',
      }).PRO_OIDC_ISSUER,
    ).toContain('https://');
  });

  it('stops the server at start with the message and no stack', async () => {
    const res = await run(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      PORT: 'abc',
      DATABASE_URL: '',
      DATA_DIR: '/nonexistent/never-created',
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Invalid configuration:\n\s+PORT="abc"/);
    expect(res.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(res.stdout).not.toMatch(/starting the embedded PostgreSQL/);
  });
});
