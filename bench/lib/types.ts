import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../server/src/platform/runtime.js';
import type { HttpLoad, Measurement, RateOptions } from './measure.js';

/** How long and how hard every measurement runs (env BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS). */
export interface BenchSettings {
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

/** What a scenario receives: the running Carnet server and helpers to measure it. */
export interface BenchContext {
  /** http://127.0.0.1:<port> of the real Carnet server (embedded PostgreSQL, temporary DATA_DIR). */
  baseUrl: string;
  /** The Fastify app behind baseUrl (for app.inject() during set-up). */
  app: FastifyInstance;
  /** The platform the server runs on: config, db, pool, queue, blobs, codeKey. */
  platform: Runtime;
  settings: BenchSettings;
  /** Warm-up then measured autocannon run against baseUrl + load.path (or load.url). */
  http(load: HttpLoad): Promise<Measurement>;
  /** The bare Fastify route measured in this same run (measured once, then reused). */
  baseline(): Promise<Measurement>;
  /**
   * Operations per second of `op`, called in a loop for settings.seconds (raw reference rates: argon2id,
   * hash+encrypt+fsync…).
   */
  rate(label: string, op: () => Promise<unknown>, options?: RateOptions): Promise<Measurement>;
  /** value.rate / reference.rate; NaN when the reference measured nothing. */
  ratio(value: Measurement | number, reference: Measurement | number): number;
  /** A progress line on stderr (the table goes to stdout). */
  log(message: string): void;
}

/** One line of the printed table. */
export interface ResultRow {
  measurement: Measurement;
  /** Ratio of measurement.rate to a reference measured in the same run, and what that reference is. */
  ratio?: number;
  versus?: string;
}

/** A benchmark scenario: bench/scenarios/<name>.ts default-exports one. */
export interface Scenario {
  /** Short name used on the command line: `npm run bench -- <name>`. */
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<ResultRow[]>;
}

/** Identity helper that types a scenario file's default export. */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}
