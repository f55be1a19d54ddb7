import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settings } from './config.js';

describe('README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  it('documents every setting in its configuration table', () => {
    for (const name of Object.keys(settings)) expect(readme, name).toContain(`| \`${name}\` |`);
  });
  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
  });
});
