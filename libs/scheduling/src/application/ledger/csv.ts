/** One CSV record and the line of the file it starts on (1 = the header). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export type CsvSource = string | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

async function* chunksOf(source: CsvSource): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield source;
    return;
  }
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source as AsyncIterable<string | Uint8Array>)
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * Streams RFC 4180 records (comma separated, `"` quoting with `""` escapes, LF or CRLF line ends,
 * quoted fields may span lines) with the line each starts on. A leading UTF-8 BOM is dropped and
 * blank lines are skipped. Lines without quotes take a fast path: a big import is mostly those.
 */
export async function* parseCsv(source: CsvSource): AsyncGenerator<CsvRecord> {
  for await (const records of parseCsvChunks(source)) yield* records;
}

const RECORDS_PER_YIELD = 10_000;

/** `parseCsv`, the records of each chunk of the source together: one turn of the loop per chunk, not per line. */
export async function* parseCsvChunks(source: CsvSource): AsyncGenerator<CsvRecord[]> {
  let buffer = '';
  let line = 0;
  let first = true;
  let pending: { line: number; fields: string[]; field: string } | null = null;
  for await (let chunk of chunksOf(source)) {
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    buffer += chunk;
    let records: CsvRecord[] = [];
    let start = 0;
    for (let end = buffer.indexOf('\n', start); end !== -1; end = buffer.indexOf('\n', start)) {
      // A source given as one big string still comes out in bounded groups.
      if (records.length >= RECORDS_PER_YIELD) {
        yield records;
        records = [];
      }
      const text = buffer.charCodeAt(end - 1) === 13 && end > start ? buffer.slice(start, end - 1) : buffer.slice(start, end);
      start = end + 1;
      line++;
      if (pending) {
        const done = continueQuoted(pending, text);
        if (done) {
          records.push({ line: pending.line, fields: pending.fields });
          pending = null;
        }
        continue;
      }
      if (text.length === 0) continue;
      if (!text.includes('"')) {
        records.push({ line, fields: text.split(',') });
        continue;
      }
      const state = { line, fields: [] as string[], field: '' };
      if (continueQuoted(state, text, true)) records.push({ line, fields: state.fields });
      else pending = state;
    }
    buffer = buffer.slice(start);
    if (records.length > 0) yield records;
  }
  if (buffer.length > 0 || pending) {
    line++;
    const text = buffer.endsWith('\r') ? buffer.slice(0, -1) : buffer;
    if (pending) {
      if (!continueQuoted(pending, text)) pending.fields.push(pending.field);
      yield [{ line: pending.line, fields: pending.fields }];
    } else if (text.length > 0) {
      const state = { line, fields: [] as string[], field: '' };
      if (!continueQuoted(state, text, true)) state.fields.push(state.field);
      yield [{ line, fields: state.fields }];
    }
  }
}

/**
 * Reads one physical line into a record being built; true when the record is complete. `fresh`
 * starts a record; otherwise the line continues a quoted field (the line break is part of it).
 */
function continueQuoted(state: { fields: string[]; field: string }, text: string, fresh = false): boolean {
  let index = 0;
  let quoted = !fresh;
  if (!fresh) state.field += '\n';
  for (;;) {
    if (quoted) {
      const close = text.indexOf('"', index);
      if (close === -1) {
        state.field += text.slice(index);
        return false;
      }
      state.field += text.slice(index, close);
      if (text.charCodeAt(close + 1) === 34) {
        state.field += '"';
        index = close + 2;
        continue;
      }
      quoted = false;
      index = close + 1;
      continue;
    }
    if (index >= text.length) {
      state.fields.push(state.field);
      state.field = '';
      return true;
    }
    const char = text.charCodeAt(index);
    if (char === 34 && state.field.length === 0) {
      quoted = true;
      index++;
      continue;
    }
    const comma = text.indexOf(',', index);
    if (comma === -1) {
      state.field += text.slice(index);
      state.fields.push(state.field);
      state.field = '';
      return true;
    }
    state.field += text.slice(index, comma);
    state.fields.push(state.field);
    state.field = '';
    index = comma + 1;
    if (index === text.length) {
      state.fields.push('');
      return true;
    }
  }
}

/**
 * One CSV field, quoted when it must be. Text a spreadsheet would run as a formula (`=`, `+`, `-`,
 * `@`, a tab or a carriage return first: a name typed by a user, say) gets a leading apostrophe, so it
 * shows as the text it is (OWASP's advice against CSV injection); numbers are left as they are.
 */
export function csvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
