import { PassThrough, Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Role } from '@lotbook/shared';
import type { Database } from '../db/client.ts';
import { moneyFormat } from '../analytics/report.ts';
import { visibleVehicle } from '../security/visibility.ts';
import type { Column, ExportEntity, Selection } from './entities.ts';

export const BATCH = 1000;
type Row = Record<string, unknown>;

/**
 * Reads the selection in keyset batches of BATCH rows ordered by (created_at, id): memory holds one
 * batch, never the table, and each batch is a short query (no long transaction blocks the server).
 */
export async function* batches(db: Database, s: Selection, entity: ExportEntity, role: Role, size = BATCH): AsyncGenerator<Row[]> {
  let after: { at: string; id: string } | null = null;
  const alias = sql.raw(s.alias);
  for (;;) {
    const keyset = after ? sql`AND (${alias}.created_at, ${alias}.id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``;
    const rows = await db.rows<Row>(sql`${s.base} ${keyset} ORDER BY ${alias}.created_at, ${alias}.id LIMIT ${size}`);
    if (rows.length === 0) return;
    yield entity === 'inventory' ? rows.map((r) => visibleVehicle(r, role)) : rows;
    if (rows.length < size) return;
    const last = rows[rows.length - 1] as Row;
    after = { at: String(last._cursor), id: String(last._id ?? last.id) };
  }
}

const sep = ';';
const num = (n: number) => String(n).replace('.', ',');

/** One CSV cell: decimal comma, ISO dates, quoted when needed, formula-looking text defused. */
export function csvCell(v: unknown, kind: Column['kind']): string {
  if (v === null || v === undefined) return '';
  if (kind === 'date') return (v instanceof Date ? v : new Date(String(v))).toISOString();
  if (kind === 'bool') return v ? 'true' : 'false';
  // PGlite returns numeric columns as strings, node-postgres as numbers (client.ts): same cell either way.
  if ((kind === 'money' || kind === 'number' || kind === 'int') && Number.isFinite(Number(v))) return num(Number(v));
  let s = String(v);
  if (/^[=@]|^[+-][^\d\s]|^[\t\r]/.test(s)) s = `'${s}`;
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV for Spanish Excel: UTF-8 with BOM, `;` separator (Excel in a comma-decimal locale splits on
 * it), CRLF, decimal comma, full ISO 8601 timestamps (lossless, so an export re-imports unchanged).
 */
export function csvStream(rows: AsyncGenerator<Row[]>, columns: Column[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(enc.encode(`\ufeff${columns.map((c) => c.key).join(sep)}\r\n`));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) return controller.close();
      const text = next.value.map((r) => columns.map((c) => csvCell(r[c.key], c.kind)).join(sep)).join('\r\n');
      controller.enqueue(enc.encode(`${text}\r\n`));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

/** .xlsx through exceljs's streaming WorkbookWriter: typed cells, currency format, frozen header. */
export function xlsxStream(rows: AsyncGenerator<Row[]>, columns: Column[], sheet: string, currency: string): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const fmt: Record<Column['kind'], string | undefined> = { money: moneyFormat(currency), date: 'yyyy-mm-dd hh:mm', int: '0', number: '#,##0.00', text: undefined, bool: undefined };
  ws.columns = columns.map((c) => ({ header: c.key, key: c.key, width: c.kind === 'text' ? 18 : 14, style: fmt[c.kind] ? { numFmt: fmt[c.kind] } : {} }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  void (async () => {
    try {
      for await (const batch of rows) {
        for (const r of batch) {
          ws.addRow(columns.map((c) => cellValue(r[c.key], c.kind))).commit();
        }
        // Let the stream drain before reading the next batch (backpressure).
        if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
      }
      ws.commit();
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

function cellValue(v: unknown, kind: Column['kind']): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (kind === 'date') return v instanceof Date ? v : new Date(String(v));
  if (kind === 'money' || kind === 'number' || kind === 'int') return typeof v === 'number' ? v : Number(v);
  if (kind === 'bool') return Boolean(v);
  return String(v);
}
