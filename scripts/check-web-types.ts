/**
 * Lint step (issue 9): the web takes its response types from the route contract (`CallOutput<typeof r.x>`),
 * never copies a server shape by hand. This check reads every `web/src/**\/*.api.ts`, takes each hand-written
 * object shape declared there (an `interface`, or a `type` whose body has a `{ … }` literal, nested ones too)
 * and compares its property names with every object of every route's success answer (walked from the zod
 * schemas of shared/src/routes/*). A shape whose names (at least 2) are all names of one answer object, and are
 * at least 3 or two thirds of that object's, is a hand copy (a copy that drops a field is still one): the check
 * names it and exits 1.
 *
 * It proves it can fail on every run: a planted copy of the contact answer must be found, or it exits 1 too.
 * Run: `npx tsx scripts/check-web-types.ts` (part of `npm run lint` and of the lint step of `npm test`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

/** One object shape of a server answer: its property names, and where it comes from. */
interface AnswerShape {
  keys: Set<string>;
  route: string;
}

/** One hand-written object shape of a web file. */
interface Declared {
  file: string;
  line: number;
  name: string;
  keys: string[];
}

type ZodLike = { _zod?: { def?: Record<string, unknown> } };

/** Every object shape reachable in a zod schema (wrappers, arrays, unions, records, pipes, lazies). */
function objectShapes(schema: unknown, out: Set<string>[], seen = new Set<unknown>()): void {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
  seen.add(schema);
  const def = (schema as ZodLike)._zod?.def;
  if (!def) return;
  const walk = (s: unknown) => objectShapes(s, out, seen);
  switch (def.type) {
    case 'object': {
      const shape = (def.shape ?? {}) as Record<string, unknown>;
      out.push(new Set(Object.keys(shape)));
      Object.values(shape).forEach(walk);
      break;
    }
    case 'array':
      walk(def.element);
      break;
    case 'union':
      (def.options as unknown[]).forEach(walk);
      break;
    case 'intersection':
      walk(def.left);
      walk(def.right);
      break;
    case 'record':
      walk(def.valueType);
      break;
    case 'tuple':
      (def.items as unknown[]).forEach(walk);
      break;
    case 'pipe':
      walk(def.in);
      walk(def.out);
      break;
    case 'lazy':
      walk((def.getter as () => unknown)());
      break;
    default:
      // optional, nullable, default, readonly, catch, nonoptional, prefault…
      if (def.innerType) walk(def.innerType);
  }
}

/** The routes of a module: any nested object that has method, path and responses. */
function routesOf(value: unknown, out: { operationId: string; responses: Record<string, unknown> }[]): void {
  if (!value || typeof value !== 'object') return;
  const v = value as Record<string, unknown>;
  if (typeof v.method === 'string' && typeof v.path === 'string' && v.responses && typeof v.responses === 'object') {
    out.push({ operationId: String(v.operationId), responses: v.responses as Record<string, unknown> });
    return;
  }
  if ((value as ZodLike)._zod) return;
  Object.values(v).forEach((x) => routesOf(x, out));
}

async function answerShapes(): Promise<AnswerShape[]> {
  const dir = join(root, 'shared/src/routes');
  const routes: { operationId: string; responses: Record<string, unknown> }[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.routes.ts'))) {
    routesOf(await import(pathToFileURL(join(dir, f)).href), routes);
  }
  const shapes: AnswerShape[] = [];
  for (const r of routes) {
    for (const [status, schema] of Object.entries(r.responses)) {
      if (!status.startsWith('2')) continue;
      const found: Set<string>[] = [];
      objectShapes(schema, found);
      for (const keys of found) shapes.push({ keys, route: r.operationId });
    }
  }
  return shapes;
}

const memberNames = (members: ts.NodeArray<ts.TypeElement>, sf: ts.SourceFile) =>
  members.filter((m) => ts.isPropertySignature(m) && m.name).map((m) => m.name!.getText(sf).replace(/['"]/g, ''));

/** The hand-written object shapes declared in a file's text (interfaces, type literals inside type aliases). */
export function declaredShapes(file: string, text: string): Declared[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Declared[] = [];
  const add = (name: string, node: ts.Node, keys: string[]) =>
    out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, name, keys });
  const literals = (name: string, node: ts.Node) => {
    if (ts.isTypeLiteralNode(node)) add(name, node, memberNames(node.members, sf));
    ts.forEachChild(node, (c) => literals(name, c));
  };
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node)) {
      add(node.name.text, node, memberNames(node.members, sf));
      node.members.forEach((m) => literals(node.name.text, m));
    } else if (ts.isTypeAliasDeclaration(node)) {
      literals(node.name.text, node.type);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The declared shapes that copy an answer's object: ≥ 2 names, all in one answer object, ≥ 3 or ≥ 2/3 of it. */
export function handCopies(declared: Declared[], answers: AnswerShape[]) {
  const copies: { declared: Declared; route: string }[] = [];
  for (const d of declared) {
    if (d.keys.length < 2) continue;
    const hit = answers.find(
      (a) => d.keys.every((k) => a.keys.has(k)) && (d.keys.length >= 3 || 3 * d.keys.length >= 2 * a.keys.size),
    );
    if (hit) copies.push({ declared: d, route: hit.route });
  }
  return copies;
}

/** The copy of GET /api/me/contact that AccountSettings.tsx held before the contract (it dropped `channels`). */
const PLANTED = `export interface Contact { email: string | null; phone: string | null }`;

async function main() {
  const answers = await answerShapes();
  const planted = handCopies(declaredShapes('(planted)', PLANTED), answers);
  if (answers.length < 50 || planted.length !== 1) {
    console.error(
      `check-web-types: the self-check failed (${answers.length} answer shapes read; ` +
        `the planted copy of the contact answer was ${planted.length ? 'found' : 'not found'}): this check could not fail.`,
    );
    process.exit(1);
  }
  const web = join(root, 'web/src');
  const files = (readdirSync(web, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.api.ts'))
    .map((f) => join(web, f));
  const declared = files.flatMap((f) => declaredShapes(relative(root, f), readFileSync(f, 'utf8')));
  const copies = handCopies(declared, answers);
  for (const { declared: d, route } of copies) {
    console.error(
      `${d.file}:${d.line}: ${d.name} { ${d.keys.join(', ')} } copies the answer of route « ${route} » by hand; ` +
        'use CallOutput<typeof routes.x> (shared/src/contract.ts) instead.',
    );
  }
  if (copies.length) process.exit(1);
  console.log(
    `check-web-types: ${files.length} web *.api.ts files, ${declared.length} hand-written shapes, ` +
      `${answers.length} answer shapes: no hand-copied response type.`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
