import ExcelJS from 'exceljs';
import { ApiError } from '../../http/errors.ts';

export type Cell = string | number | Date | boolean | null;
export interface Sheet {
  headers: string[];
  rows: Cell[][];
  encoding: string;
  delimiter: string | null;
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise Windows-1252. */
export function decode(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF); the separator is `;` or `,`, whichever the header uses more. */
export function parseCsv(text: string): { delimiter: string; rows: string[][] } {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((c) => c.trim() !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((c) => c.trim() !== '')) rows.push(row);
  return { delimiter, rows };
}

/** Reads an upload: .xlsx by its zip signature, else CSV text. Anything binary is refused. */
export async function readSheet(bytes: Uint8Array, fileName: string | null): Promise<Sheet> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip || fileName?.toLowerCase().endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new ApiError(415, 'unsupported_file', 'The file is not a readable .xlsx workbook');
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new ApiError(422, 'empty_file', 'The workbook has no sheet');
    const all: Cell[][] = [];
    ws.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1).map(cellOf);
      if (values.some((v) => v !== null && v !== '')) all.push(values);
    });
    const [head, ...rows] = all;
    if (!head) throw new ApiError(422, 'empty_file', 'The sheet is empty');
    return { headers: head.map((h) => String(h ?? '').trim()), rows, encoding: 'xlsx', delimiter: null };
  }
  if (bytes.subarray(0, 8000).includes(0)) throw new ApiError(415, 'unsupported_file', 'The file is binary: upload a .csv or .xlsx file');
  const { text, encoding } = decode(bytes);
  const { delimiter, rows } = parseCsv(text);
  const [head, ...body] = rows;
  if (!head || head.length < 2) throw new ApiError(422, 'empty_file', 'The CSV has no header row with at least two columns');
  return { headers: head.map((h) => h.trim()), rows: body, encoding, delimiter };
}

function cellOf(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'object') {
    const o = v as { result?: unknown; text?: unknown; richText?: { text: string }[] };
    if (o.result !== undefined) return cellOf(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.richText) return o.richText.map((t) => t.text).join('');
  }
  return String(v);
}
