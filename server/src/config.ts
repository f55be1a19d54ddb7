import { z } from 'zod';

/** Every setting Carnet reads from the environment, with its default and meaning (the README's table mirrors it). */
export const settings = {
  PORT: { default: '3000', doc: 'HTTP port the server listens on' },
  HOST: { default: '0.0.0.0', doc: 'address the server binds' },
  NODE_ENV: {
    default: 'development',
    doc: '`production` disables the dev mailbox and requires MASTER_KEY and SMTP_URL',
  },
  PUBLIC_URL: {
    default: '',
    doc: 'address people use to reach Carnet (links in e-mails, OpenID redirects); empty means `http://localhost:$PORT`',
  },
  DATABASE_URL: { default: '', doc: 'PostgreSQL ≥ 15 to use; empty starts an embedded PostgreSQL under DATA_DIR/pg' },
  DATA_DIR: { default: './data', doc: 'where the embedded database, blobs and the development master key live' },
  EMBEDDED_PG_PORT: { default: '54329', doc: 'port of the embedded PostgreSQL' },
  BLOB_DIR: { default: '', doc: 'folder of the encrypted file store (default DATA_DIR/blobs)' },
  MASTER_KEY: {
    default: '',
    doc: '32 bytes in base64 that wrap every file key; generated under DATA_DIR in development, required in production',
  },
  JOURNAL_SIGNING_KEY: {
    default: '',
    doc: "Ed25519 private key (its 32-byte seed in base64) that signs the journal's chain heads and extracts; generated under DATA_DIR in development, required in production",
  },
  SMTP_URL: {
    default: '',
    doc: 'smtp:// or smtps:// server for e-mail; empty sends e-mail and SMS to the dev mailbox',
  },
  MAIL_FROM: { default: 'Carnet <ne-pas-repondre@carnet.localhost>', doc: 'sender of e-mails' },
  SMS_URL: {
    default: '',
    doc: 'HTTP endpoint of the SMS provider (POST JSON {to, text}); empty sends SMS to the dev mailbox',
  },
  SMS_TOKEN: { default: '', doc: 'bearer token for the SMS provider' },
  SEED_DEMO: { default: 'true', doc: 'seed demo data on first start (never in production)' },
  BRAND_TOP: {
    default: 'Logiciel libre\nde santé',
    doc: "text of the brand block (DSFR « bloc marque »); lines split by \\n. The State's deployment sets « République\\nFrançaise »",
  },
  BRAND_OFFICIAL: {
    default: 'false',
    doc: "`true` shows the State's Marianne brand block: only for the State's own deployment",
  },
  SERVICE_NAME: { default: 'Carnet', doc: 'service name in the header' },
  SERVICE_TAGLINE: { default: 'Mon espace santé, en logiciel libre', doc: 'line under the service name' },
  LOG_LEVEL: { default: 'info', doc: 'pino level: fatal, error, warn, info, debug, trace, silent' },
  WORKERS: { default: 'true', doc: 'run the background workers (outbox delivery) in this process' },
  OPERATOR_TOKEN: {
    default: '',
    doc: 'bearer credential of the operator API (/api/operator/…); empty disables that API',
  },
  TRUST_PROXY: {
    default: '',
    doc: "addresses of the reverse proxies in front (comma-separated IPs or CIDRs, e.g. `127.0.0.1`) whose X-Forwarded-For gives the caller's address; empty trusts none",
  },
  RATE_LIMIT_PER_MINUTE: {
    default: '30',
    doc: 'requests a minute one address may make to each sign-in, activation and recovery route',
  },
  SESSION_IDLE_MINUTES: { default: '30', doc: 'a session ends after this long without a request' },
  SESSION_ABSOLUTE_HOURS: { default: '12', doc: 'a session ends this long after login, whatever happens' },
  PRO_SESSION_IDLE_MINUTES: { default: '15', doc: "a professional's session ends after this long without a request" },
  PRO_SESSION_ABSOLUTE_HOURS: { default: '10', doc: "a professional's session ends this long after sign-in" },
  PRO_OIDC_ISSUER: {
    default: '',
    doc: "professionals' OpenID Connect issuer (Pro Santé Connect); empty uses the bundled development provider under /oidc (never in production, where it is required)",
  },
  PRO_OIDC_CLIENT_ID: {
    default: '',
    doc: "Carnet's client id at the professionals' issuer (required in production; `carnet` with the bundled provider)",
  },
  PRO_OIDC_CLIENT_SECRET: {
    default: '',
    doc: "Carnet's client secret at the professionals' issuer (required in production; derived from the master key with the bundled provider)",
  },
  FHIR_TOKEN_ISSUER: {
    default: '',
    doc: "external OAuth 2 / OpenID issuer of the FHIR API's access tokens (JWTs checked with its published keys, audience PUBLIC_URL/fhir/R4, client_id registered in Carnet); empty uses the bundled provider's token endpoint, never in production",
  },
  MESSAGING_DOMAIN: {
    default: 'patient.carnet.localhost',
    doc: "domain of patients' messaging addresses: `<INS matricule>@<MESSAGING_DOMAIN>`",
  },
  SMTP_INTAKE_PORT: {
    default: '',
    doc: "port of the professionals' SMTP endpoint (STARTTLS, AUTH); 0 turns it off; empty means 2525 in development, off otherwise",
  },
  SMTP_INTAKE_CERT: {
    default: '',
    doc: 'PEM certificate file of the SMTP endpoint; empty outside production generates a self-signed one under DATA_DIR',
  },
  SMTP_INTAKE_KEY: { default: '', doc: 'PEM private key file of that certificate' },
  MESSAGING_RELAY_URL: {
    default: '',
    doc: "smtp:// server that carries patients' replies to professionals' MSSanté addresses; empty uses SMTP_URL, and without either replies stay in Carnet (read in the portal)",
  },
  BACKUP_KEY: {
    default: '',
    doc: '32 bytes in base64 that seal backup archives (`npm run carnet -- backup`); empty derives the key from MASTER_KEY. Keep it apart from the data',
  },
} as const;

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
// Digits only: coercion turned an empty PORT into 0 (a random port) and accepted ' 80' or '1e3'.
const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number')
  .transform(Number)
  .pipe(z.number().int().min(0).max(65535));
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' });

const schema = z.object({
  PORT: port,
  HOST: z.string().min(1),
  NODE_ENV: z.enum(['development', 'production', 'test']),
  PUBLIC_URL: httpUrl,
  DATABASE_URL: z.union([z.literal(''), z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://')]),
  DATA_DIR: z.string().min(1),
  EMBEDDED_PG_PORT: port,
  BLOB_DIR: z.string(),
  MASTER_KEY: z.union([
    z.literal(''),
    z.base64().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64'),
  ]),
  JOURNAL_SIGNING_KEY: z.union([
    z.literal(''),
    z.base64().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64'),
  ]),
  SMTP_URL: z.union([z.literal(''), z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')]),
  MAIL_FROM: z.string().min(3),
  SMS_URL: z.union([z.literal(''), httpUrl]),
  SMS_TOKEN: z.string(),
  SEED_DEMO: bool,
  BRAND_TOP: z.string(),
  BRAND_OFFICIAL: bool,
  SERVICE_NAME: z.string().min(1),
  SERVICE_TAGLINE: z.string(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  WORKERS: bool,
  OPERATOR_TOKEN: z.union([z.literal(''), z.string().min(32, 'must be at least 32 characters')]),
  TRUST_PROXY: z.string().regex(/^[0-9a-fA-F.:/, ]*$/, 'must be IP addresses or CIDRs separated by commas'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  PRO_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  PRO_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24),
  PRO_OIDC_ISSUER: z.union([z.literal(''), httpUrl]),
  PRO_OIDC_CLIENT_ID: z.string(),
  PRO_OIDC_CLIENT_SECRET: z.string(),
  FHIR_TOKEN_ISSUER: z.union([z.literal(''), httpUrl]),
  MESSAGING_DOMAIN: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'must be a domain name'),
  SMTP_INTAKE_PORT: z.union([z.literal(''), port]),
  SMTP_INTAKE_CERT: z.string(),
  SMTP_INTAKE_KEY: z.string(),
  MESSAGING_RELAY_URL: z.union([
    z.literal(''),
    z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://'),
  ]),
  BACKUP_KEY: z.union([
    z.literal(''),
    z.base64().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64'),
  ]),
});

export type Config = Omit<z.infer<typeof schema>, 'SMTP_INTAKE_PORT'> & { SMTP_INTAKE_PORT: number };

/** The SMTP endpoint listens on 2525 in development unless told; tests and production turn it on explicitly. */
function intakePort(value: number | '', env: string): number {
  return value === '' ? (env === 'development' ? 2525 : 0) : value;
}

/** Thrown when a setting is wrong; main.ts prints its message and exits without a stack. */
export class ConfigError extends Error {}

/** Reads and validates the settings; any bad value stops with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, string> = {};
  for (const [name, s] of Object.entries(settings)) raw[name] = env[name] ?? s.default;
  // Unset, the public address follows the port (a server on PORT=3120 links to :3120, not to the default 3000).
  if (!raw.PUBLIC_URL) raw.PUBLIC_URL = `http://localhost:${raw.PORT}`;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.')}=${JSON.stringify(raw[String(i.path[0])])}: ${i.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = { ...parsed.data, SMTP_INTAKE_PORT: intakePort(parsed.data.SMTP_INTAKE_PORT, parsed.data.NODE_ENV) };
  if (config.NODE_ENV === 'production') {
    const missing = [];
    if (!config.MASTER_KEY) missing.push('MASTER_KEY (32 bytes in base64) is required in production');
    if (!config.JOURNAL_SIGNING_KEY)
      missing.push('JOURNAL_SIGNING_KEY (an Ed25519 seed, 32 bytes in base64) is required in production');
    if (!config.SMTP_URL) missing.push('SMTP_URL is required in production (no dev mailbox there)');
    // The bundled OpenID provider lets anyone pick a professional: never in production.
    if (!config.PRO_OIDC_ISSUER || !config.PRO_OIDC_CLIENT_ID || !config.PRO_OIDC_CLIENT_SECRET) {
      missing.push(
        "PRO_OIDC_ISSUER, PRO_OIDC_CLIENT_ID and PRO_OIDC_CLIENT_SECRET are required in production (professionals' sign-in)",
      );
    }
    if (config.SMTP_INTAKE_PORT && (!config.SMTP_INTAKE_CERT || !config.SMTP_INTAKE_KEY)) {
      missing.push('SMTP_INTAKE_CERT and SMTP_INTAKE_KEY are required in production when SMTP_INTAKE_PORT is set');
    }
    if (missing.length) throw new ConfigError(`Invalid configuration:\n  ${missing.join('\n  ')}`);
    config.SEED_DEMO = false;
  }
  if (!config.BLOB_DIR) config.BLOB_DIR = `${config.DATA_DIR}/blobs`;
  return config;
}
