import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** One record of a CSV file: its fields and the number of the line it ends on (1 = the first line). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

const DELIMITER = /[,;]/;

/** Splits one record's text (quotes balanced) into fields: RFC 4180 quoting, `""` inside quotes. */
function splitQuoted(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',' || c === ';') {
      fields.push(field);
      field = '';
    } else field += c;
    i++;
  }
  fields.push(field);
  return fields;
}

const quotesIn = (s: string) => {
  let n = 0;
  for (let i = s.indexOf('"'); i !== -1; i = s.indexOf('"', i + 1)) n++;
  return n;
};

/**
 * The records of a CSV stream, read as it comes (comma or semicolon between fields, UTF-8, a BOM
 * ignored, CRLF or LF, empty lines skipped, fields in double quotes may hold delimiters, quotes and line
 * breaks). Lines without a quote, nearly all of an enrolment file, are split by one regular expression:
 * csv-parse, used before, read 20 k lines a second on this machine, under the 50 k a second a million
 * people in 20 s need.
 */
export async function* csvRecords(input: Readable): AsyncGenerator<CsvRecord> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  let pending = ''; // a record whose quotes are still open, waiting for its next line
  let first = true;
  const take = function* (text: string): Generator<CsvRecord> {
    line++;
    if (pending) {
      pending += `\n${text}`;
      if (quotesIn(pending) % 2) return;
      text = pending;
      pending = '';
    } else if (text.includes('"')) {
      if (quotesIn(text) % 2) {
        pending = text;
        return;
      }
    } else {
      if (text === '') return;
      yield { fields: text.split(DELIMITER), line };
      return;
    }
    yield { fields: splitQuoted(text), line };
  };
  for await (const chunk of input) {
    let text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    if (first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield* take(text.slice(start, end));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest.endsWith('\r')) rest = rest.slice(0, -1);
  if (rest !== '' || pending) yield* take(rest);
  if (pending) throw new Error(`guillemet non fermé à partir de la ligne ${line - pending.split('\n').length + 1}`);
}
