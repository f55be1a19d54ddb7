import type { CarnetUnderTest } from './carnet.js';
import { measureHttp, measureRate, ratio, type Measurement } from './measure.js';
import type { BenchContext, BenchSettings } from './types.js';

/** Reads BENCH_SECONDS, BENCH_WARMUP_SECONDS and BENCH_CONNECTIONS; a bad value stops with a message naming it. */
export function readSettings(env: Record<string, string | undefined>): BenchSettings {
  const read = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min)
      throw new Error(`${name}=${JSON.stringify(raw)}: must be a number ≥ ${min}`);
    return value;
  };
  return {
    seconds: read('BENCH_SECONDS', 10, 1),
    warmupSeconds: read('BENCH_WARMUP_SECONDS', 2, 0),
    connections: Math.round(read('BENCH_CONNECTIONS', 10, 1)),
  };
}

/** The context handed to every scenario of one run; the baseline is measured once, on first use. */
export function createContext(
  carnet: CarnetUnderTest,
  baselineUrl: string,
  settings: BenchSettings,
  signal: AbortSignal,
  log: (m: string) => void,
): BenchContext {
  let baseline: Promise<Measurement> | null = null;
  const timing = `${settings.warmupSeconds} s warm-up + ${settings.seconds} s`;
  const ctx: BenchContext = {
    baseUrl: carnet.baseUrl,
    app: carnet.app,
    platform: carnet.platform,
    settings,
    async http(load) {
      const url = load.url ?? new URL(load.path ?? '/', carnet.baseUrl).toString();
      log(`  measuring ${load.label ?? url} (${load.connections ?? settings.connections} connections, ${timing})`);
      return measureHttp({ ...settings, ...load, url }, signal);
    },
    baseline() {
      baseline ??= (async () => {
        log(`  measuring the baseline, a bare Fastify route (${settings.connections} connections, ${timing})`);
        return measureHttp({ ...settings, label: 'GET /bare (Fastify alone)', url: baselineUrl }, signal);
      })();
      return baseline;
    },
    rate(label, op, options) {
      log(`  measuring ${label} (${timing})`);
      return measureRate(label, op, { ...settings, ...options }, signal);
    },
    ratio,
    log,
  };
  return ctx;
}
