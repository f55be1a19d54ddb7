import { existsSync } from 'node:fs';
import type { Runtime } from './runtime.js';
import { backup, backupKey, restore, restoreIsWhole } from './backup.js';
import { loadMasterKey } from './keys.js';

/** `npm run carnet -- backup <file>`: one encrypted archive of the database and the files. */
export async function backupCommand(runtime: Runtime, args: string[]): Promise<number> {
  const file = args[0];
  if (!file) {
    console.error('usage: npm run carnet -- backup <fichier>');
    return 64;
  }
  if (existsSync(file)) {
    console.error(`le fichier existe déjà : ${file}`);
    return 73;
  }
  const key = backupKey(runtime.config, await loadMasterKey(runtime.config));
  const header = await backup(runtime, key, file);
  const rows = Object.values(header.tables).reduce((a, b) => a + b, 0);
  console.log(
    `sauvegarde ${file} : ${Object.keys(header.tables).length} tables, ${rows} lignes, ${header.blobs} fichiers`,
  );
  return 0;
}

/** `npm run carnet -- restore <file>`: into an empty database and data folder, then checked. */
export async function restoreCommand(runtime: Runtime, args: string[]): Promise<number> {
  const file = args[0];
  if (!file || !existsSync(file)) {
    console.error('usage: npm run carnet -- restore <fichier> (le fichier doit exister)');
    return 64;
  }
  const key = backupKey(runtime.config, await loadMasterKey(runtime.config));
  const report = await restore(runtime, key, file);
  const rows = Object.values(report.tables).reduce((a, b) => a + b, 0);
  console.log(
    `restauré : ${Object.keys(report.tables).length} tables, ${rows} lignes, ${report.blobs} fichiers (${report.blobsReadable} lisibles)`,
  );
  console.log(
    `journal : ${report.journal.lines} lignes sur ${report.journal.chains} chaînes, ${report.journal.problems} anomalie(s) ; ${report.requeued} envoi(s) remis en file`,
  );
  for (const [t, n] of Object.entries(report.header.tables))
    if (report.tables[t] !== n) console.log(`  ${t} : ${n} sauvegardées, ${report.tables[t]} restaurées`);
  if (!restoreIsWhole(report)) {
    console.error('la restauration ne correspond pas à la sauvegarde');
    return 2;
  }
  console.log('vérification : comptes identiques, journal intact, chaque fichier se déchiffre');
  return 0;
}
