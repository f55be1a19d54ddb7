import fc from 'fast-check';
import { z } from 'zod';
import type { RouteEntry } from '../../src/app.js';
import { contractFor } from './seed.js';

/** What the fuzzer sends: a raw path (not normalised, as an attacker's client sends it), headers, body. */
export interface FuzzRequest {
  route: string;
  mutation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** The values that break parsers, stores and loggers. `secrets` are planted so that the logs can be searched. */
export function hostileStrings(secrets: string[]): string[] {
  return [
    '',
    ' ',
    'a'.repeat(10_000),
    'é'.repeat(300_000),
    '\u0000',
    'nul\u0000dedans',
    '\u202Eedoc\u202C',
    'مرحبا \u200F שלום',
    '\ud800',
    'a\udfffb',
    '\ud83d',
    '😀\u0301\u200d',
    '2023-02-30',
    '2026-13-01',
    '0000-00-00',
    '2026-02-29',
    '2024-02-30T25:61',
    '9999-99-99T99:99',
    '-000001-01-01',
    '1e309',
    'NaN',
    '-0',
    '../../../../etc/passwd',
    '..%2f..%2f..%2fetc%2fpasswd',
    '..\\..\\windows\\win.ini',
    '%00',
    '%ZZ',
    "' or 1=1 --",
    '<script>alert(1)</script>',
    '${jndi:ldap://x/a}',
    '__proto__',
    'constructor',
    ...secrets,
  ];
}

const contentTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'text/csv',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '',
];

const mutations = [
  'valid',
  'missing',
  'extra',
  'wrongType',
  'hostile',
  'deep',
  'contentType',
  'badJson',
  'traversal',
  'proto',
] as const;

/** The property names and a valid-looking object for a Zod schema (from its JSON Schema), or none. */
export function shapeOf(schema: unknown): { keys: string[]; sample: Record<string, unknown> } {
  if (!schema || typeof schema !== 'object' || !('_zod' in schema)) return { keys: [], sample: {} };
  try {
    const js = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, { type?: string; enum?: unknown[]; format?: string }>;
    };
    const sample: Record<string, unknown> = {};
    for (const [k, p] of Object.entries(js.properties ?? {})) {
      sample[k] =
        p.enum?.[0] ??
        (p.type === 'number' || p.type === 'integer'
          ? 1
          : p.type === 'boolean'
            ? true
            : p.type === 'array'
              ? []
              : p.format === 'uuid'
                ? '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f'
                : 'texte');
    }
    return { keys: Object.keys(sample), sample };
  } catch {
    return { keys: [], sample: {} };
  }
}

/** Percent-encodes a path segment; a lone surrogate becomes the bytes of one (WTF-8), invalid UTF-8 on purpose. */
function segment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return `${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
}

/** A JSON text nested `depth` levels (built as text: a recursive stringify would overflow first). */
const deepJson = (depth: number) => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;

/**
 * Requests generated from the route table: each registered route, its params filled with the caller's
 * own profile or hostile values, its query and body built from the contract's example or the route's
 * Zod schemas, then mutated (fields missing, extra or of the wrong type, hostile strings, deep JSON,
 * wrong content types, malformed JSON, traversal in ids, prototype keys).
 */
export function requestArbitrary(
  routes: RouteEntry[],
  ctx: { profileId: string; cookie: string; secrets: string[] },
): fc.Arbitrary<FuzzRequest> {
  const strings = hostileStrings(ctx.secrets);
  const hostile = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...strings) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  );
  const anyValue: fc.Arbitrary<unknown> = fc.oneof(
    hostile,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(hostile, { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'name', '__proto__', 'value'), hostile, { maxKeys: 3 }),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 1e308, 0.1 + 0.2, -0),
  );
  const prepared = routes.map((r) => {
    const def = contractFor(r.method, r.url);
    return {
      r,
      example: def?.example,
      body: shapeOf(r.schema.body),
      query: shapeOf(r.schema.querystring),
      params: (r.url.match(/:[A-Za-z]+/g) ?? []).map((p) => p.slice(1)),
    };
  });
  return fc
    .record({
      p: fc.constantFrom(...prepared),
      mutation: fc.constantFrom(...mutations),
      value: anyValue,
      text: hostile,
      field: fc.nat(),
      own: fc.boolean(),
      contentType: fc.constantFrom(...contentTypes),
      depth: fc.constantFrom(50, 1000, 100_000),
    })
    .map(({ p, mutation, value, text, field, own, contentType, depth }) => {
      const params: Record<string, string> = {};
      for (const name of p.params) {
        const example = p.example?.params?.[name];
        params[name] = name === 'profileId' ? ctx.profileId : (example ?? '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f');
      }
      if (mutation === 'traversal' && p.params.length) {
        const name = p.params[field % p.params.length]!;
        params[name] = own
          ? segment(text)
          : ['..', '..%2F..%2F', '%2e%2e', 'x%00y', '..;', '%252e%252e%252f'][field % 6]!;
      } else if (mutation === 'hostile' && p.params.length && !own) {
        params[p.params[field % p.params.length]!] = segment(text);
      }
      const path = p.r.url.replace(/:([A-Za-z]+)/g, (_, n: string) => params[n] ?? 'x');
      const query: Record<string, unknown> = { ...(p.example?.query ?? {}) };
      for (const k of p.query.keys) if (!(k in query)) query[k] = p.query.sample[k];
      let body: Record<string, unknown> | unknown =
        p.example?.body !== undefined ? structuredClone(p.example.body) : { ...p.body.sample };
      const keys = body && typeof body === 'object' ? Object.keys(body as object) : [];
      const key = keys.length ? keys[field % keys.length]! : 'champ';
      const bodyObj = body && typeof body === 'object' ? (body as Record<string, unknown>) : null;
      if (mutation === 'missing' && bodyObj) delete bodyObj[key];
      if (mutation === 'extra' && bodyObj) bodyObj[`extra${field % 3}`] = value;
      if (mutation === 'wrongType' && bodyObj) bodyObj[key] = value;
      if (mutation === 'hostile') {
        if (bodyObj && own) bodyObj[key] = text;
        const qk = p.query.keys.length ? p.query.keys[field % p.query.keys.length]! : 'q';
        query[qk] = text;
      }
      if (mutation === 'proto' && bodyObj)
        body = JSON.parse(
          `{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},${JSON.stringify(bodyObj).slice(1)}`.replace(
            /,}$/,
            '}',
          ),
        );
      const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
      const headers: Record<string, string> = { cookie: ctx.cookie, 'x-carnet-csrf': '1' };
      let raw: string | Buffer | undefined;
      const hasBody = ['POST', 'PUT', 'PATCH'].includes(p.r.method);
      if (hasBody || mutation === 'contentType') {
        headers['content-type'] = 'application/json';
        raw = JSON.stringify(body ?? {});
        if (mutation === 'deep') raw = deepJson(depth);
        if (mutation === 'badJson')
          raw = ['{', '{"a":}', '\u0000', '[1,2', '{"a":"\\ud800"}', 'null', '"x"', '{"a":1}}'][field % 8]!;
        if (mutation === 'contentType') {
          if (contentType) headers['content-type'] = contentType;
          else delete headers['content-type'];
          if (field % 2) raw = Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0xa0, 0xa1]);
        }
      }
      return {
        route: `${p.r.method} ${p.r.url}`,
        mutation,
        method: p.r.method,
        path: qs ? `${path}?${qs}` : path,
        headers,
        body: raw,
      };
    });
}
