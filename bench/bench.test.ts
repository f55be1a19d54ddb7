import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp } from '../server/test/harness.js';
import { listeningUrl, startBaseline } from './lib/baseline.js';
import { readSettings } from './lib/context.js';
import { measureHttp, ratio, type Measurement } from './lib/measure.js';
import { loadScenarios, pickScenarios } from './lib/registry.js';
import { formatTable } from './lib/table.js';

// Shape only: no assertion here depends on how fast this machine is.
describe('bench harness', () => {
  let carnet: Awaited<ReturnType<typeof testApp>>;
  let bare: { app: FastifyInstance; url: string };

  beforeAll(async () => {
    carnet = await testApp();
    await carnet.app.listen({ host: '127.0.0.1', port: 0 });
    bare = await startBaseline();
  });
  afterAll(async () => {
    await bare?.app.close();
    await carnet?.close();
  });

  const expectMeasured = (m: Measurement) => {
    expect(m.count).toBeGreaterThan(0);
    expect(m.seconds).toBeGreaterThan(0);
    expect(m.rate).toBeCloseTo(m.count / m.seconds, 6);
    expect(m.unit).toBe('req/s');
    expect(m.non2xx).toBe(0);
    expect(m.errors).toBe(0);
    expect(m.p50Ms).toBeGreaterThan(0);
    expect(m.p99Ms).toBeGreaterThanOrEqual(m.p50Ms);
  };

  it('measures /api/health of a real app and the bare route, and divides one rate by the other', async () => {
    const load = { seconds: 1, warmupSeconds: 0, connections: 2 };
    const health = await measureHttp({ ...load, url: `${listeningUrl(carnet.app)}/api/health` });
    const baseline = await measureHttp({ ...load, url: bare.url });
    expectMeasured(health);
    expectMeasured(baseline);
    expect(health.label).toBe('GET /api/health');
    const r = ratio(health, baseline);
    expect(Number.isFinite(r) && r > 0).toBe(true);
    expect(r).toBe(health.rate / baseline.rate);
    expect(ratio(health, 0)).toBeNaN();

    const table = formatTable([
      { scenario: 'health', measurement: health, ratio: r, versus: 'baseline', rssBefore: 1 << 20, rssAfter: 2 << 20 },
    ]);
    expect(table.split('\n')[0]).toMatch(/scenario .*rate .*p50 ms .*p99 ms .*ratio/);
    expect(table).toContain('| health ');
  });

  it('finds the scenarios in bench/scenarios and rejects an unknown name', async () => {
    const all = await loadScenarios();
    expect(all.map((s) => s.name)).toContain('health');
    expect(pickScenarios(all, ['health']).map((s) => s.name)).toEqual(['health']);
    expect(() => pickScenarios(all, ['nope'])).toThrow(/unknown scenario nope/);
  });

  it('reads its durations from the environment and names a bad one', () => {
    expect(readSettings({})).toEqual({ seconds: 10, warmupSeconds: 2, connections: 10 });
    expect(readSettings({ BENCH_SECONDS: '3', BENCH_WARMUP_SECONDS: '0', BENCH_CONNECTIONS: '4' })).toEqual({
      seconds: 3,
      warmupSeconds: 0,
      connections: 4,
    });
    expect(() => readSettings({ BENCH_SECONDS: 'soon' })).toThrow(/BENCH_SECONDS/);
  });
});
