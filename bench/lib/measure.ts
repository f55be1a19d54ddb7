import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { BroadcastChannel } from 'node:worker_threads';
import autocannon from 'autocannon';

/** The outcome of one measured run, HTTP or not. */
export interface Measurement {
  label: string;
  /** Operations completed in the measured window (warm-up excluded). */
  count: number;
  /** Length of the measured window, in seconds. */
  seconds: number;
  /** count / seconds. */
  rate: number;
  unit: string;
  /** Latency percentiles in milliseconds; NaN when there is none (a bulk job timed as a whole). */
  p50Ms: number;
  p99Ms: number;
  /** HTTP answers outside 2xx; always 0 for non-HTTP measurements. */
  non2xx: number;
  /** Socket errors and timeouts (HTTP), or operations that threw. */
  errors: number;
}

/** One autocannon load: where, what, how hard, how long. */
export interface HttpLoad {
  label?: string;
  /** Full URL; or `path`, resolved against the Carnet server's base URL by the bench context. */
  url?: string;
  path?: string;
  method?: autocannon.Request['method'];
  headers?: Record<string, string>;
  body?: string | Buffer;
  connections?: number;
  seconds?: number;
  warmupSeconds?: number;
  /**
   * Any other autocannon option. autocannon runs in a worker thread so that the load generator does not
   * share the server's event loop; functions (setupRequest, onResponse…) must then be given as file
   * paths, or pass `workers: 0` here to run in-process.
   */
  options?: Partial<autocannon.Options>;
}

export interface RateOptions {
  seconds?: number;
  warmupSeconds?: number;
  /** Operations kept in flight at once (e.g. 2 to load both libuv threads with argon2id). Default 1. */
  concurrency?: number;
  unit?: string;
}

export const defaults = { seconds: 10, warmupSeconds: 2, connections: 10 };

const probe = path.join(import.meta.dirname, 'latency-probe.cjs');
let runs = 0;

/**
 * Collects the exact response durations the probe sends from autocannon's worker for the run titled
 * `title`; `done()` waits for the probe's 'end' (or 2 s) and returns them sorted.
 */
function listenForLatencies(title: string) {
  const channel = new BroadcastChannel(`carnet-bench:${title}`);
  const durations: number[] = [];
  let ended!: () => void;
  const end = new Promise<void>((resolve) => (ended = resolve));
  channel.onmessage = (event) => {
    const data = event.data as Float64Array | 'end';
    if (data === 'end') ended();
    else for (const d of data) durations.push(d);
  };
  return {
    async done(): Promise<number[]> {
      await Promise.race([end, delay(2000)]);
      channel.close();
      return durations.sort((a, b) => a - b);
    },
    close: () => channel.close(),
  };
}

/** Runs autocannon once and resolves with its result; `signal` stops it early (Ctrl-C) and rejects. */
function cannon(options: autocannon.Options, signal?: AbortSignal): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('measurement aborted'));
    const onAbort = () => {
      instance.stop();
      reject(new Error('measurement aborted'));
    };
    const instance = autocannon(options, (err, result) => {
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve(result);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Measures an HTTP endpoint with autocannon: a warm-up run whose numbers are thrown away, then a
 * measured run. Both stop by themselves after their duration.
 */
export async function measureHttp(load: HttpLoad & { url: string }, signal?: AbortSignal): Promise<Measurement> {
  const connections = load.connections ?? defaults.connections;
  const seconds = load.seconds ?? defaults.seconds;
  const warmupSeconds = load.warmupSeconds ?? defaults.warmupSeconds;
  const options: autocannon.Options = {
    url: load.url,
    method: load.method ?? 'GET',
    headers: load.headers,
    body: load.body,
    connections,
    workers: 1,
    // A file path, as autocannon wants in workers mode (its types only know the in-process function).
    setupClient: probe as unknown as autocannon.Options['setupClient'],
    ...load.options,
  };
  if (warmupSeconds > 0) await cannon({ ...options, duration: warmupSeconds }, signal);
  // The probe only runs in autocannon's worker and when the caller kept it.
  const probed = (options.setupClient as unknown) === probe && Number(options.workers) > 0;
  const title = `${process.pid}-${++runs}`;
  const latencies = probed ? listenForLatencies(title) : null;
  let result: autocannon.Result;
  try {
    result = await cannon({ ...options, title, duration: seconds }, signal);
  } catch (err) {
    latencies?.close();
    throw err;
  }
  const exact = (await latencies?.done()) ?? [];
  const measured = result.duration > 0 ? result.duration : seconds;
  return {
    label: load.label ?? `${options.method} ${new URL(load.url).pathname}`,
    count: result.requests.total,
    seconds: measured,
    rate: result.requests.total / measured,
    unit: 'req/s',
    // autocannon's own percentiles are whole milliseconds: the fallback when the probe saw nothing.
    p50Ms: exact.length ? percentile(exact, 0.5) : result.latency.p50,
    p99Ms: exact.length ? percentile(exact, 0.99) : result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/**
 * Calls `op` in a loop (`concurrency` loops at once) for a warm-up, then for the measured window, and
 * reports operations per second with latency percentiles. The loops stop by themselves at the deadline.
 */
export async function measureRate(
  label: string,
  op: () => Promise<unknown>,
  options: RateOptions = {},
  signal?: AbortSignal,
): Promise<Measurement> {
  const seconds = options.seconds ?? defaults.seconds;
  const warmupSeconds = options.warmupSeconds ?? defaults.warmupSeconds;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const durations: number[] = [];
  let errors = 0;
  const window = async (length: number, record: boolean) => {
    const deadline = performance.now() + length * 1000;
    const loop = async () => {
      while (performance.now() < deadline && !signal?.aborted) {
        const started = performance.now();
        try {
          await op();
        } catch {
          errors += record ? 1 : 0;
          continue;
        }
        if (record) durations.push(performance.now() - started);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, loop));
    return (performance.now() - started) / 1000;
  };
  if (warmupSeconds > 0) await window(warmupSeconds, false);
  const measured = await window(seconds, true);
  if (signal?.aborted) throw new Error('measurement aborted');
  durations.sort((a, b) => a - b);
  return {
    label,
    count: durations.length,
    seconds: measured,
    rate: durations.length / measured,
    unit: options.unit ?? 'ops/s',
    p50Ms: percentile(durations, 0.5),
    p99Ms: percentile(durations, 0.99),
    non2xx: 0,
    errors,
  };
}

/** value / reference, from rates or measurements; NaN when the reference is not a positive number. */
export function ratio(value: Measurement | number, reference: Measurement | number): number {
  const v = typeof value === 'number' ? value : value.rate;
  const r = typeof reference === 'number' ? reference : reference.rate;
  return Number.isFinite(v) && Number.isFinite(r) && r > 0 ? v / r : Number.NaN;
}
