import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Scenario } from './types.js';

export const scenarioDir = path.join(import.meta.dirname, '..', 'scenarios');

function isScenario(value: unknown): value is Scenario {
  const s = value as Partial<Scenario> | null;
  return (
    !!s &&
    typeof s.name === 'string' &&
    /^[a-z0-9-]+$/.test(s.name) &&
    typeof s.description === 'string' &&
    typeof s.run === 'function'
  );
}

/**
 * Every scenario under bench/scenarios/: each <name>.ts default-exports one (see defineScenario), so a
 * new scenario is one new file and no shared list to edit. Sorted by name.
 */
export async function loadScenarios(dir = scenarioDir): Promise<Scenario[]> {
  const files = (await readdir(dir)).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'),
  );
  const scenarios: Scenario[] = [];
  for (const file of files.sort()) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: unknown };
    const scenario = mod.default;
    if (!isScenario(scenario))
      throw new Error(`bench/scenarios/${file} must default-export defineScenario({ name, description, run })`);
    if (scenarios.some((s) => s.name === scenario.name)) throw new Error(`two scenarios are named ${scenario.name}`);
    scenarios.push(scenario);
  }
  return scenarios.sort((a, b) => a.name.localeCompare(b.name));
}

/** The scenarios named on the command line (all of them when none is named); an unknown name is an error. */
export function pickScenarios(all: Scenario[], names: string[]): Scenario[] {
  if (!names.length) return all;
  const unknown = names.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length)
    throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`);
  return all.filter((s) => names.includes(s.name));
}
