import { describe, expect, it } from 'vitest';
import { presentItem } from './medical.presenter.js';
import type { ItemRow } from './medical.repo.js';

const row = (data: unknown): ItemRow =>
  ({
    id: '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f',
    profile_id: 'p',
    kind: 'allergies',
    data,
    created_at: new Date(0),
    updated_at: new Date(0),
  }) as unknown as ItemRow;

describe('presentItem: nothing stored goes out unvalidated', () => {
  it('a stored entry that fails its schema goes out with its valid known fields only', () => {
    const out = presentItem(row({ substance: 'Pollen', secretNote: 'interne', severity: 12345 }));
    expect(out.data).toMatchObject({ substance: 'Pollen' });
    expect(out.data).not.toHaveProperty('secretNote');
    expect(JSON.stringify(out)).not.toContain('interne');
    expect(out.data).not.toHaveProperty('severity', 12345);
  });

  it('a valid entry keeps its fields, unknown ones stripped', () => {
    const out = presentItem(row({ substance: 'Arachide', extra: 'x' }));
    expect(out.data.substance).toBe('Arachide');
    expect(out.data).not.toHaveProperty('extra');
  });
});
