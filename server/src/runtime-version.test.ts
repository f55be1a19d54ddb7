import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The project pins its runtime with the `node` npm package (node_modules/.bin/node, first on PATH in npm scripts and
// npx), so the suite runs on that Node even on a machine whose own node is older. This test says which one it got.
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
  dependencies: { node: string };
};
const pinned = pkg.dependencies.node;
const major = (version: string) => Number(/^v?(\d+)\./.exec(version)?.[1]);

describe('runtime', () => {
  it('the suite runs on the Node pinned in package.json (24 LTS)', () => {
    console.log(`[runtime] tests ran on Node ${process.version} (${process.execPath}); pinned: ${pinned}`);
    expect(pkg.engines.node).toBe('>=24');
    expect(major(pinned)).toBe(24);
    expect(process.version).toBe(`v${pinned}`);
  });

  it('a child started through npx (as the CLI tests and scripts/test.sh do) runs on the same Node', () => {
    const child = spawnSync('npx', ['tsx', '-e', 'process.stdout.write(process.version)'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe(`v${pinned}`);
  });
});
