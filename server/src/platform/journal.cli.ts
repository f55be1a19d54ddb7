import { readFile } from 'node:fs/promises';
import type { Runtime } from './runtime.js';
import { journalSigningKey, signUnsignedHeads, verifyJournal, type JournalProblem } from './journal.js';
import { verifyExtract, type ExtractProblem } from './journal-extract.js';
import { loadJournalSigningKey, publicKeyOf } from './journal-signing.js';
import { UUID } from './ids.js';

const explain: Record<JournalProblem['problem'], string> = {
  'hash-mismatch': 'le contenu ne correspond plus à son empreinte (ligne modifiée, ou déplacée)',
  'broken-link': 'la ligne ne suit pas la précédente (ligne supprimée, insérée ou déplacée avant elle)',
  'sequence-gap': 'numéro de ligne inattendu (ligne supprimée ou déplacée avant elle)',
  'head-mismatch':
    'la fin de la chaîne ne correspond pas à sa tête enregistrée (dernières lignes supprimées ou ajoutées)',
  'head-signature': 'la tête de la chaîne n’est pas signée par la clé du journal (chaîne réécrite sans la clé)',
};

const explainExtract: Record<ExtractProblem, string> = {
  ...explain,
  format: 'le fichier n’est pas un extrait du journal lisible',
  'extract-signature': 'la signature de l’extrait ne correspond pas à son contenu (fichier modifié)',
  'head-signature': 'la tête de la chaîne n’est pas signée par la clé du journal',
  'foreign-key': 'l’extrait annonce une autre clé publique que celle de ce serveur',
};

/**
 * `npm run carnet -- journal:verify [--profile <uuid>] [--extract <file>]`: recomputes every chain of
 * the access journal (or one profile's), heads' signatures included, and prints each problem; with
 * --extract, checks a signed extract a patient downloaded instead (signatures, hashes, continuity).
 * Exit 0 when intact, 2 when tampered with, so that a scheduled check can alert on it.
 */
export async function journalVerifyCommand(runtime: Runtime, args: string[]): Promise<number> {
  const key = journalSigningKey() ?? (await loadJournalSigningKey(runtime.config));
  const ex = args.indexOf('--extract');
  if (ex >= 0) {
    const file = args[ex + 1];
    if (!file) return usage();
    return verifyExtractFile(file, key);
  }
  const at = args.indexOf('--profile');
  const profile = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && (!profile || !UUID.test(profile))) return usage();
  const started = Date.now();
  const { lines, chains, problems } = await verifyJournal(runtime.db, profile?.toLowerCase(), key);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `journal : ${plural(lines, 'ligne vérifiée', 'lignes vérifiées')} dans ${plural(chains, 'chaîne', 'chaînes')}${profile ? ` (profil ${profile})` : ''} en ${seconds} s`,
  );
  if (!problems.length) {
    console.log('journal intact');
    return 0;
  }
  console.log(`JOURNAL ALTÉRÉ : ${plural(problems.length, 'problème', 'problèmes')}`);
  for (const p of problems) {
    console.log(
      `  chaîne ${p.chainId} ${p.seq === null ? 'fin' : `ligne ${p.seq}`} : ${p.problem} — ${explain[p.problem]}`,
    );
  }
  return 2;
}

async function verifyExtractFile(
  file: string,
  key: Awaited<ReturnType<typeof loadJournalSigningKey>>,
): Promise<number> {
  const { lines, chainId, problems } = verifyExtract(await readFile(file, 'utf8'), key, publicKeyOf(key));
  console.log(
    `extrait : ${plural(lines, 'ligne vérifiée', 'lignes vérifiées')}${chainId ? ` (profil ${chainId})` : ''}`,
  );
  if (!problems.length) {
    console.log('extrait intact et signé par ce serveur');
    return 0;
  }
  console.log(`EXTRAIT ALTÉRÉ : ${plural(problems.length, 'problème', 'problèmes')}`);
  for (const p of problems)
    console.log(`  ${p.seq === null ? 'fichier' : `ligne ${p.seq}`} : ${p.problem} — ${explainExtract[p.problem]}`);
  return 2;
}

/**
 * `npm run carnet -- journal:sign-heads`: signs the chain heads written before the journal had a key
 * (once, when the key is introduced: it trusts the journal as it is then). Never automatic, so that a
 * head whose signature was removed is reported by journal:verify instead of being signed again.
 */
export async function journalSignHeadsCommand(runtime: Runtime): Promise<number> {
  const key = journalSigningKey() ?? (await loadJournalSigningKey(runtime.config));
  console.log(`journal : ${plural(await signUnsignedHeads(runtime.db, key), 'tête signée', 'têtes signées')}`);
  return 0;
}

function usage(): number {
  console.error('usage: npm run carnet -- journal:verify [--profile <uuid>] [--extract <fichier>]');
  return 64;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}
