import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv.js';

async function read(chunks: (string | Buffer)[]) {
  const out: { fields: string[]; line: number }[] = [];
  for await (const r of csvRecords(Readable.from(chunks))) out.push(r);
  return out;
}

describe('csvRecords', () => {
  it('reads plain lines, commas or semicolons, CRLF or LF, a BOM, empty lines skipped, with line numbers', async () => {
    expect(await read(['\ufeffa,b;c\r\n1,2,3\n\n4;5', ';6\n'])).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', '2', '3'], line: 2 },
      { fields: ['4', '5', '6'], line: 4 },
    ]);
  });

  it('reads quoted fields holding delimiters, doubled quotes and line breaks, split across chunks', async () => {
    const text = 'nom,adresse\n"Dupont, Jean","12 rue ""du Port""\nBât. B;2e"\nx,"y"\n';
    const expected = [
      { fields: ['nom', 'adresse'], line: 1 },
      { fields: ['Dupont, Jean', '12 rue "du Port"\nBât. B;2e'], line: 3 },
      { fields: ['x', 'y'], line: 4 },
    ];
    expect(await read([text])).toEqual(expected);
    // Cut anywhere, even inside a multi-byte character or between a quote and its double.
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut++)
      expect(await read([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(expected);
  });

  it('gives the fields csv-parse gives on the same file', async () => {
    const text = 'a;b,c\n"1;2",,"3"\n"",x,"a ""b"" c"\n';
    const theirs = parse(text, { delimiter: [',', ';'], relax_column_count: true }) as string[][];
    expect((await read([text])).map((r) => r.fields)).toEqual(theirs);
  });

  it('refuses a quote never closed', async () => {
    await expect(read(['a,b\n"open,2\n3,4\n'])).rejects.toThrow(/guillemet non fermé à partir de la ligne 2/);
  });
});
