import { describe, expect, it } from 'vitest';
import { maskUrl } from './logger.js';

describe('maskUrl: what a logged URL keeps', () => {
  it('masks secrets typed into a path segment, keeps route words, ids and asset names', () => {
    const id = '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f';
    const cases: [string, string][] = [
      [`/api/profiles/${id}/documents?q=secret`, `/api/profiles/${id}/documents`],
      ['/api/profiles/1%2085%2005%2078%20006%20084/x', '/api/profiles/[masqué]/x'],
      ['/api/activation/K7QM-3XPD-9HTW', '/api/activation/[masqué]'],
      ['/api/x/K7QM%203XPD%209HTW', '/api/x/[masqué]'],
      ['/api/x/4kP0vJ8sQ2mXn7LwZr5tYb1cHd9eFg3a6iUo', '/api/x/[masqué]'],
      ['/api/x/Un-mot-de-passe-solide-42', '/api/x/[masqué]'],
      ['/api/activation/username-available', '/api/activation/username-available'],
      ['/assets/index-B7x3kQ9aZ1.js', '/assets/index-B7x3kQ9aZ1.js'],
      [`/api/pro/patients/${id}/synthesis.pdf`, `/api/pro/patients/${id}/synthesis.pdf`],
    ];
    for (const [url, logged] of cases) expect(maskUrl(url), url).toBe(logged);
  });
});
