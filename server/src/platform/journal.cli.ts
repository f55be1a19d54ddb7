import type { Runtime } from './runtime.js';
import { verifyJournal, type JournalProblem } from './journal.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const explain: Record<JournalProblem['problem'], string> = {
  'hash-mismatch': 'le contenu ne correspond plus à son empreinte (ligne modifiée, ou déplacée)',
  'broken-link': 'la ligne ne suit pas la précédente (ligne supprimée, insérée ou déplacée avant elle)',
  'sequence-gap': 'numéro de ligne inattendu (ligne supprimée ou déplacée avant elle)',
  'head-mismatch': 'la fin de la chaîne ne correspond pas à sa tête enregistrée (dernières lignes supprimées ou ajoutées)',
};

/**
 * `npm run carnet -- journal:verify [--profile <uuid>]`: recomputes every chain of the access journal
 * (or one profile's) and prints each problem. Exit 0 when intact, 2 when the journal was tampered with,
 * so that a scheduled check can alert on it.
 */
export async function journalVerifyCommand(runtime: Runtime, args: string[]): Promise<number> {
  const at = args.indexOf('--profile');
  const profile = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && (!profile || !UUID.test(profile))) {
    console.error('usage: npm run carnet -- journal:verify [--profile <uuid>]');
    return 64;
  }
  const started = Date.now();
  const { lines, chains, problems } = await verifyJournal(runtime.db, profile?.toLowerCase());
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`journal : ${plural(lines, 'ligne vérifiée', 'lignes vérifiées')} dans ${plural(chains, 'chaîne', 'chaînes')}${profile ? ` (profil ${profile})` : ''} en ${seconds} s`);
  if (!problems.length) {
    console.log('journal intact');
    return 0;
  }
  console.log(`JOURNAL ALTÉRÉ : ${plural(problems.length, 'problème', 'problèmes')}`);
  for (const p of problems) {
    console.log(`  chaîne ${p.chainId} ${p.seq === null ? 'fin' : `ligne ${p.seq}`} : ${p.problem} — ${explain[p.problem]}`);
  }
  return 2;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}
