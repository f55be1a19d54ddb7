// Prints the configuration table of the README from server/src/config.ts (`npx tsx scripts/config-table.ts`).
import { settings } from '../server/src/config.js';

console.log('| variable | default | meaning |\n| --- | --- | --- |');
for (const [name, s] of Object.entries(settings)) {
  const def = s.default === '' ? '(empty)' : `\`${s.default.replace(/\n/g, '\\n')}\``;
  console.log(`| \`${name}\` | ${def} | ${s.doc.replace(/\|/g, '\\|')} |`);
}
