import path from 'node:path';
import { readAll, WEB_SRC } from '../web/src/i18n/catalog.js';

/**
 * What the web app still writes outside a message (issue 15, item 4): `npx tsx scripts/check-web-messages.ts
 * [folder under web/src]`, one line per literal, then the count per file. catalog.test.ts fails on any of them.
 */
const under = process.argv[2] ? path.resolve(WEB_SRC, process.argv[2]) : WEB_SRC;
const { literals, messages } = readAll(under);
const perFile = new Map<string, number>();
for (const l of literals) {
  console.log(`${path.relative(process.cwd(), l.file)}:${l.line}  ${JSON.stringify(l.text)}`);
  perFile.set(l.file, (perFile.get(l.file) ?? 0) + 1);
}
console.log('');
for (const [file, n] of [...perFile].sort((a, b) => b[1] - a[1]))
  console.log(`${String(n).padStart(4)}  ${path.relative(process.cwd(), file)}`);
console.log(`${literals.length} literals outside messages, ${messages.length} messages`);
