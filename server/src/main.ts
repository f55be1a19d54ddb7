import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './app.js';
import { startRuntime } from './platform/runtime.js';
import { demoActivationHint, demoCredentials, seedDemo } from './seed/demo.js';
import { startFeatureWorkers } from './workers.js';
import { intakeCertificate, startSmtpIntake } from './features/messaging/messaging.smtp.js';

/** Starts Carnet: settings, database, migrations, demo data, workers, HTTP; stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const say = (m: string) => console.log(`[carnet] ${m}`);
  say(config.DATABASE_URL ? 'using DATABASE_URL' : `starting the embedded PostgreSQL under ${config.DATA_DIR}/pg`);
  const runtime = await startRuntime(config, (m) => {
    if (config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' || !m.startsWith('postgres:')) say(m);
  });
  if (config.SEED_DEMO && (await seedDemo(runtime, path.join(config.DATA_DIR, 'letters')))) say('demo data seeded');
  if (config.WORKERS) await startFeatureWorkers(runtime);
  const app = await buildApp(runtime);
  // The professionals' SMTP endpoint (issue 11): STARTTLS with SMTP_INTAKE_CERT/KEY, or a generated certificate.
  const intake = config.SMTP_INTAKE_PORT
    ? await startSmtpIntake(runtime, {
        port: config.SMTP_INTAKE_PORT,
        host: config.HOST,
        ...(await intakeCertificate(config)),
      })
    : null;
  if (intake) say(`professionals' SMTP endpoint on port ${intake.port} (STARTTLS, AUTH)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received: stopping`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close().catch(() => {}); // stops accepting, lets requests in flight finish
    await intake?.close().catch(() => {});
    await runtime.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.PORT, host: config.HOST });
  say(`Carnet is ready on http://localhost:${config.PORT}`);
  if (config.SEED_DEMO) {
    say('demo accounts (demo data only):');
    for (const c of demoCredentials) say(`  ${c.who}: identifiant « ${c.username} », mot de passe « ${c.password} »`);
    for (const line of demoActivationHint) say(line);
    if (config.NODE_ENV !== 'production')
      say(`e-mails and SMS land in the dev mailbox: http://localhost:${config.PORT}/dev/mailbox`);
  }
}

main().catch((err: unknown) => {
  console.error(`[carnet] could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
