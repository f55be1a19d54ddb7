import type { FastifyInstance } from 'fastify';
import type { RouteDef } from '../../../shared/src/contract.js';
import { routeUrl } from '../../../shared/src/contract.js';
import * as medical from '../../../shared/src/routes/medical.routes.js';
import * as documents from '../../../shared/src/routes/documents.routes.js';
import * as family from '../../../shared/src/routes/family.routes.js';
import * as identity from '../../../shared/src/routes/identity.routes.js';
import * as platform from '../../../shared/src/routes/platform.routes.js';
import * as pro from '../../../shared/src/routes/pro.routes.js';

const { medicalRoutes } = medical;
const { documentsRoutes } = documents;
import type { Db } from '../../src/platform/db.js';
import { multipartBody } from '../documents.js';

/** Every route of the contract (shared/src/routes), found by walking the modules' exported route tables. */
export function contractRoutes(): RouteDef[] {
  const out: RouteDef[] = [];
  const walk = (o: unknown, depth: number) => {
    // Zod schemas are objects too: only plain tables are walked, a few levels deep.
    if (!o || typeof o !== 'object' || '_zod' in o || depth > 4) return;
    if ('operationId' in o && 'method' in o && 'path' in o) out.push(o as RouteDef);
    else for (const v of Object.values(o)) walk(v, depth + 1);
  };
  walk([medical, documents, family, identity, platform, pro], 0);
  return out;
}

/** The contract's definition of a registered route, when it has one. */
export function contractFor(method: string, url: string): RouteDef | undefined {
  return contractRoutes().find((d) => d.method === method && d.path === url);
}

/**
 * One entry in every section of a profile, through the API as its owner would add them (medical lists,
 * a measure, a document, wishes), and a care line as the operator's import writes it. `marker` is put
 * in every text, so that an answer holding it is known to carry this profile's data. Returns the ids.
 */
export async function seedEverySection(
  app: FastifyInstance,
  db: Db,
  profileId: string,
  cookie: string,
  marker: string,
) {
  const ids: Record<string, string> = {};
  const headers = { cookie, 'x-carnet-csrf': '1' };
  for (const [kind, r] of Object.entries(medicalRoutes.items)) {
    const body = { ...(r.create.example.body as Record<string, unknown>) };
    for (const k of ['name', 'substance']) if (k in body) body[k] = `${body[k]} ${marker}`;
    const res = await app.inject({
      method: 'POST',
      url: routeUrl(r.create.path, { profileId }),
      headers,
      payload: body,
    });
    if (res.statusCode !== 201) throw new Error(`seed ${kind}: ${res.statusCode} ${res.body}`);
    ids[kind] = res.json().item.id;
  }
  const m = await app.inject({
    method: 'POST',
    url: routeUrl(medicalRoutes.addMeasure.path, { profileId, kind: 'weight' }),
    headers,
    payload: { measuredAt: '2026-01-02T08:30', value: 71.3 },
  });
  if (m.statusCode !== 201) throw new Error(`seed measure: ${m.statusCode} ${m.body}`);
  ids.measure = m.json().value.id;
  const file = multipartBody(`ordonnance-${marker}.txt`, Buffer.from(`Ordonnance ${marker}\n`));
  const d = await app.inject({
    method: 'POST',
    url: routeUrl(documentsRoutes.upload.path, { profileId }),
    headers: { ...file.headers, cookie },
    payload: file.payload,
  });
  if (d.statusCode !== 201) throw new Error(`seed document: ${d.statusCode} ${d.body}`);
  ids.document = d.json().document.id;
  const w = await app.inject({
    method: 'PUT',
    url: routeUrl(medicalRoutes.saveWishes.path, { profileId }),
    headers,
    payload: { donationStance: 'favorable' },
  });
  if (w.statusCode !== 200) throw new Error(`seed wishes: ${w.statusCode} ${w.body}`);
  const care = await db
    .insertInto('care_event')
    .values({
      profile_id: profileId,
      care_date: '2025-03-04',
      kind: 'Consultation',
      professional: `Dr ${marker}`,
      amount_cents: 3000,
      reimbursed_cents: 2100,
      import_ref: `ref-${marker}`,
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.care = care.id;
  return ids;
}
