import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { ApiError } from '../../http/errors.ts';

export type Cell = string | number | Date | boolean | null;

/**
 * A spreadsheet on disk, read as a stream: `rows()` yields the data rows (the header row excluded,
 * empty rows skipped) one at a time and may be called again for a second pass. Memory holds a chunk
 * of the file and one row, never the file.
 */
export interface SheetSource {
  headers: string[];
  encoding: string;
  delimiter: string | null;
  rows(): AsyncGenerator<Cell[]>;
}

const HEAD_BYTES = 64 * 1024;

/** Opens an uploaded file: .xlsx by its zip signature, else CSV text. Anything binary is refused. */
export async function openSheet(path: string, fileName: string | null): Promise<SheetSource> {
  const head = await readHead(path, HEAD_BYTES);
  const isZip = head[0] === 0x50 && head[1] === 0x4b;
  if (isZip || fileName?.toLowerCase().endsWith('.xlsx')) return openXlsx(path);
  if (head.subarray(0, 8000).includes(0)) throw new ApiError(415, 'unsupported_file', 'The file is binary: upload a .csv or .xlsx file');
  return openCsv(path, head);
}

async function readHead(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

const nonEmpty = (row: Cell[]) => row.some((v) => v !== null && !(typeof v === 'string' && v.trim() === ''));

// ---------------------------------------------------------------------------------------------- CSV

/** UTF-8 (with or without BOM) when every byte of the file is valid UTF-8, otherwise Windows-1252. One streamed pass. */
async function detectEncoding(path: string, head: Buffer): Promise<'utf-8-bom' | 'utf-8' | 'windows-1252'> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  const dec = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) dec.decode(chunk as Buffer, { stream: true });
    dec.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Bytes → text in the detected encoding, chunk by chunk (a character split across chunks is kept whole). */
function decoder(encoding: string): Transform {
  const dec = new TextDecoder(encoding === 'windows-1252' ? 'windows-1252' : 'utf-8', { ignoreBOM: false });
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      done(null, dec.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, dec.decode());
    },
  });
}

/** RFC 4180 through csv-parse (quotes, doubled quotes, CRLF or LF); the separator is `;` or `,`, whichever the header uses more. */
async function openCsv(path: string, head: Buffer): Promise<SheetSource> {
  const encoding = await detectEncoding(path, head);
  const headText = new TextDecoder(encoding === 'windows-1252' ? 'windows-1252' : 'utf-8').decode(head);
  const firstLine = headText.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  async function* records(): AsyncGenerator<Cell[]> {
    const parser = createReadStream(path, { highWaterMark: 64 * 1024 })
      .pipe(decoder(encoding))
      .pipe(parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }));
    try {
      for await (const rec of parser) {
        const row = rec as string[];
        if (nonEmpty(row)) yield row;
      }
    } catch (err) {
      if (err instanceof ApiError) throw err;
      const line = (err as { lines?: number }).lines;
      throw new ApiError(422, 'invalid_csv', `The CSV could not be read${line ? ` near line ${line}` : ''}: ${String((err as Error).message).slice(0, 200)}`);
    } finally {
      parser.destroy();
    }
  }
  const headers = await firstRow(records());
  if (!headers || headers.length < 2) throw new ApiError(422, 'empty_file', 'The CSV has no header row with at least two columns');
  return { headers: headers.map((h) => String(h ?? '').trim()), encoding, delimiter, rows: () => skipFirst(records()) };
}

// --------------------------------------------------------------------------------------------- XLSX

/** The first worksheet through exceljs's streaming WorkbookReader: rows are read off the zip as they come. */
async function openXlsx(path: string): Promise<SheetSource> {
  async function* records(): AsyncGenerator<Cell[]> {
    const wb = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
    try {
      for await (const ws of wb) {
        for await (const r of ws) {
          const values = ((r as ExcelJS.Row).values as unknown[]).slice(1).map(cellOf);
          if (nonEmpty(values)) yield values;
        }
        return; // the first sheet only
      }
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw Object.assign(new ApiError(415, 'unsupported_file', 'The file is not a readable .xlsx workbook'), { cause: err });
    }
  }
  const headers = await firstRow(records());
  if (!headers) throw new ApiError(422, 'empty_file', 'The sheet is empty');
  return { headers: headers.map((h) => String(h ?? '').trim()), encoding: 'xlsx', delimiter: null, rows: () => skipFirst(records()) };
}

async function firstRow(rows: AsyncGenerator<Cell[]>): Promise<Cell[] | null> {
  try {
    const next = await rows.next();
    return next.done ? null : next.value;
  } finally {
    await rows.return(undefined);
  }
}

async function* skipFirst(rows: AsyncGenerator<Cell[]>): AsyncGenerator<Cell[]> {
  let first = true;
  for await (const r of rows) {
    if (first) first = false;
    else yield r;
  }
}

function cellOf(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'object') {
    const o = v as { result?: unknown; text?: unknown; richText?: { text: string }[]; error?: unknown };
    if (o.result !== undefined) return cellOf(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.error !== undefined) return null;
  }
  return String(v);
}
