import type { Platform } from './platform/platform.js';
import { startIdentityJobs } from './features/identity/identity.jobs.js';
import { startFamilyJobs } from './features/family/family.jobs.js';
import { startRelayWorker } from './features/messaging/messaging.relay.js';

/** Starts the features' scheduled jobs (the platform's outbox worker is started by the runtime). */
export async function startFeatureWorkers(platform: Platform): Promise<void> {
  await startIdentityJobs(platform);
  await startFamilyJobs(platform);
  await startRelayWorker(platform);
}
