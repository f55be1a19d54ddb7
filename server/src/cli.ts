import { ConfigError, loadConfig } from './config.js';
import { startRuntime, type Runtime } from './platform/runtime.js';
import { enrolCommand } from './features/identity/enrol.cli.js';
import { journalSignHeadsCommand, journalVerifyCommand } from './platform/journal.cli.js';
import { documentsImportCommand } from './features/documents/documents.import.js';
import { careImportCommand } from './features/medical/care.import.js';
import { directoryImportCommand } from './features/professionals/directory.import.js';
import { fhirImportCommand } from './features/fhir/fhir.import.js';
import { backupCommand, restoreCommand } from './platform/backup.cli.js';

/** Operator commands: `npm run carnet -- <command> [args]`. Each lives beside its feature. */
const commands: Record<string, { help: string; run: (runtime: Runtime, args: string[]) => Promise<number> }> = {
  enrol: {
    help: 'enrol <fichier.csv> [--batch NOM]   inscrit des assurés et envoie leurs codes provisoires',
    run: enrolCommand,
  },
  'documents:import': {
    help: "documents:import <manifeste.csv>   importe les documents d'un dossier antérieur (fichiers à côté du manifeste ; sans doublon)",
    run: documentsImportCommand,
  },
  'care:import': {
    help: "care:import <soins.csv>   importe l'historique des soins remboursés (nir, date, kind, professional, amount, reimbursed, ref ; sans doublon)",
    run: careImportCommand,
  },
  'professionals:import': {
    help: "professionals:import <annuaire.csv>   importe l'annuaire des professionnels (rpps, noms, profession TRE_G15, structure, MSSanté ; sans doublon)",
    run: directoryImportCommand,
  },
  'fhir:import': {
    help: "fhir:import <bundle.json> --nir <NIR>   importe un Bundle FHIR R4 (le format de l'export) dans l'espace de ce NIR ; sans doublon",
    run: fhirImportCommand,
  },
  backup: {
    help: 'backup <fichier>   sauvegarde chiffrée et cohérente de la base et des fichiers',
    run: backupCommand,
  },
  restore: {
    help: 'restore <fichier>   restaure une sauvegarde dans une base et un dossier vides, puis la vérifie',
    run: restoreCommand,
  },
  'journal:verify': {
    help: 'journal:verify [--profile UUID]   vérifie le chaînage du journal des accès (sortie 2 si altéré)',
    run: journalVerifyCommand,
  },
  'journal:sign-heads': {
    help: 'journal:sign-heads   signe les têtes de chaîne écrites avant la clé du journal (une fois)',
    run: journalSignHeadsCommand,
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error('usage: npm run carnet -- <commande>\n');
    for (const c of Object.values(commands)) console.error(`  ${c.help}`);
    return 64;
  }
  let config;
  try {
    config = loadConfig({ ...process.env, WORKERS: 'false' });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 78;
    }
    throw err;
  }
  const runtime = await startRuntime(config);
  try {
    return await command.run(runtime, args);
  } finally {
    await runtime.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`erreur : ${err instanceof Error ? err.message : String(err)}`);
    process.exit(70);
  },
);
