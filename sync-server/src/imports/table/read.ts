import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { type Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
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

const XLSX_OPTIONS = { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' } as const;

/**
 * The parts of exceljs 4.4.0's streaming `WorkbookReader` (pinned) that parse one zip entry each.
 * Its own `parse()` reads the zip front to back through unzipper's streaming parser, which in about
 * one read in 200 ends early when a sheet precedes workbook.xml (as Excel and LibreOffice write
 * it): the sheet is parked in a temporary file, the later entries never arrive, and the reader
 * fails ("reading 'sheets'"). We open the zip by its central directory instead (yauzl) and hand
 * the entries over in the order they depend on each other; no temporary file.
 */
interface WorkbookParts {
  model?: { sheets?: { rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(rows: Readable, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

const unreadable = (cause: unknown) => Object.assign(new ApiError(415, 'unsupported_file', 'The file is not a readable .xlsx workbook'), { cause });

/** A zip opened by its central directory: any entry can be read, in any order, as a stream. */
class ZipEntries {
  private readonly streams: Readable[] = [];
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  static async open(path: string): Promise<ZipEntries> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, z) => (err ? reject(err) : resolve(z))),
    );
    const entries = new Map<string, yauzl.Entry>();
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (e: yauzl.Entry) => {
          entries.set(e.fileName.replace(/^\//, ''), e);
          zip.readEntry();
        });
        zip.once('end', () => resolve());
        zip.once('error', reject);
        zip.readEntry();
      });
    } catch (err) {
      zip.close();
      throw err;
    }
    return new ZipEntries(zip, entries);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  async read(name: string): Promise<Readable> {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`${name} is missing`);
    const stream = await new Promise<Readable>((resolve, reject) => this.zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
    this.streams.push(stream);
    return stream;
  }

  /** Stops every stream still open (a reader abandoned after the header row) and closes the file. */
  close(): void {
    for (const s of this.streams) s.destroy();
    this.zip.close();
  }
}

/** The first sheet in tab order: workbook.xml's first sheet, through its relationship to `xl/worksheets/sheetN.xml`. */
function firstSheetNo(parts: WorkbookParts, zip: ZipEntries): string {
  const rId = parts.model?.sheets?.[0]?.rId;
  const target = parts.workbookRels?.find((r) => r.Id === rId)?.Target ?? '';
  const byRel = /(?:^|\/)worksheets\/sheet(\d+)\.xml$/.exec(target)?.[1];
  if (byRel && zip.has(`xl/worksheets/sheet${byRel}.xml`)) return byRel;
  const numbers = zip
    .names()
    .map((n) => /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .toSorted((a, b) => Number(a) - Number(b));
  if (!numbers[0]) throw new Error('the workbook has no worksheet');
  return numbers[0];
}

/** The first worksheet, its rows read off the zip as they come through exceljs's streaming worksheet reader. */
async function openXlsx(path: string): Promise<SheetSource> {
  async function* records(): AsyncGenerator<Cell[]> {
    let zip: ZipEntries;
    try {
      zip = await ZipEntries.open(path);
    } catch (err) {
      throw unreadable(err);
    }
    try {
      let rows: AsyncIterable<ExcelJS.Row>;
      try {
        const parts = new ExcelJS.stream.xlsx.WorkbookReader(path, XLSX_OPTIONS) as unknown as WorkbookParts;
        await parts._parseRels(await zip.read('xl/_rels/workbook.xml.rels'));
        await parts._parseWorkbook(await zip.read('xl/workbook.xml'));
        if (zip.has('xl/sharedStrings.xml')) for await (const _ of parts._parseSharedStrings(await zip.read('xl/sharedStrings.xml')));
        if (zip.has('xl/styles.xml')) await parts._parseStyles(await zip.read('xl/styles.xml'));
        const sheetNo = firstSheetNo(parts, zip);
        const sheet = parts._parseWorksheet(await zip.read(`xl/worksheets/sheet${sheetNo}.xml`), sheetNo).next();
        if (sheet.done) throw new Error('the worksheet reader emitted nothing');
        rows = sheet.value.value;
      } catch (err) {
        throw unreadable(err);
      }
      const it = rows[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<ExcelJS.Row>;
        try {
          next = await it.next();
        } catch (err) {
          throw unreadable(err);
        }
        if (next.done) return;
        const values = (next.value.values as unknown[]).slice(1).map(cellOf);
        if (nonEmpty(values)) yield values;
      }
    } finally {
      zip.close();
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
