import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { messageArguments, readAll, readEnglish, WEB_SRC } from './catalog';

// Issue 15, item 4: the whole web app in French and English. French is the source text, in the code; English in
// web/src/i18n/en/*.json. `npx tsx scripts/check-web-messages.ts [folder]` lists what is still written outside.
const { messages, literals } = readAll();
const english = readEnglish();
const where = (m: { file: string; line: number }) => `${path.relative(WEB_SRC, m.file)}:${m.line}`;
// The files still in French only, one per line (paths under web/src): the list may only shrink. A file leaves it
// when it writes all its text through messages; a listed file with no literal left fails too.
const notYet = new Set(
  readFileSync(path.join(import.meta.dirname, 'not-yet-translated.txt'), 'utf8')
    .split('\n')
    .filter(Boolean),
);

describe('the web app in French and English', () => {
  it('writes every user-visible text through a message (outside the files not yet translated)', () => {
    const outside = literals.filter((l) => !notYet.has(path.relative(WEB_SRC, l.file)));
    expect(outside.map((l) => `${where(l)} ${JSON.stringify(l.text)}`)).toEqual([]);
    const withLiterals = new Set(literals.map((l) => path.relative(WEB_SRC, l.file)));
    expect([...notYet].filter((file) => !withLiterals.has(file))).toEqual([]);
  });

  it('gives each message id one French text', () => {
    const byId = new Map<string, string>();
    const clashes: string[] = [];
    for (const m of messages) {
      const seen = byId.get(m.id);
      if (seen !== undefined && seen !== m.defaultMessage) clashes.push(`${m.id} (${where(m)})`);
      byId.set(m.id, m.defaultMessage);
    }
    expect(clashes).toEqual([]);
    expect(messages.filter((m) => !/^[a-z][\w-]*(\.[\w-]+)+$/.test(m.id)).map(where)).toEqual([]);
  });

  it('has the English of every message, and no English for a message that is gone', () => {
    const ids = new Set(messages.map((m) => m.id));
    expect(messages.filter((m) => !english.has(m.id)).map((m) => `${m.id} (${where(m)})`)).toEqual([]);
    expect([...english.keys()].filter((id) => !ids.has(id))).toEqual([]);
  });

  it('takes the same arguments in both languages (ICU MessageFormat, both parse)', () => {
    const differ: string[] = [];
    for (const m of messages) {
      const en = english.get(m.id);
      if (!en) continue;
      const fr = messageArguments(m.defaultMessage).join(',');
      const other = messageArguments(en.message).join(',');
      if (fr !== other) differ.push(`${m.id}: fr {${fr}} en {${other}}`);
    }
    expect(differ).toEqual([]);
  });

  it('catches a missing English message, a text outside a message and a changed argument', async () => {
    const { readSource } = await import('./catalog');
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'catalog-')), 'Probe.tsx');
    writeFileSync(
      file,
      `const m = defineMessages({ a: { id: 'probe.a', defaultMessage: 'Bonjour {name}' },
         download: { id: 'probe.download', defaultMessage: 'Télécharger' } });
       if (!ok) throw new Error('Pas pour les gens');
       export const P = () => <p title="Mes documents">Texte écrit à la main {ok ? 'Oui' : 'Non'}
         {step === 'intro' && <Route path="mesures" />}</p>;`,
    );
    const probe = readSource(file);
    expect(probe.messages.map((m) => m.id)).toEqual(['probe.a', 'probe.download']);
    expect(probe.literals.map((l) => l.text)).toEqual(['Mes documents', 'Texte écrit à la main', 'Oui', 'Non']);
    expect(english.has('probe.a')).toBe(false);
    expect(messageArguments('Bonjour {name}')).not.toEqual(messageArguments('Hello {nom}'));
    expect(messageArguments('{n, plural, one {# document} other {# documents}}')).toEqual(['n:plural']);
  });
});
