import ExcelJS from 'exceljs';
import type { CellKind, Table } from './report-tables.ts';

/** An Excel number format for money in `currency` (its symbol as the Intl data gives it). */
export function moneyFormat(currency: string): string {
  let symbol = currency;
  try {
    symbol = new Intl.NumberFormat('es-ES', { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency;
  } catch {
    // an unknown code: show the code itself
  }
  return `#,##0.00 "${symbol.replace(/"/g, '')}"`;
}

const FORMATS: Record<CellKind, string | null> = { text: null, int: '#,##0', money: null, percent: '0.00', decimal: '#,##0.0#' };

/** One sheet per table, headers bold and frozen, numbers with formats and the dealership's currency. */
export async function workbook(tables: Table[], currency: string, period: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lotbook';
  wb.title = `Lotbook report ${period}`;
  for (const t of tables) {
    const ws = wb.addWorksheet(t.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.columns.map((c) => ({ header: c.header, width: Math.max(12, c.header.length + 4) }));
    ws.getRow(1).font = { bold: true };
    for (const row of t.rows) ws.addRow(row.map((v) => (v === null ? null : v)));
    t.columns.forEach((c, i) => {
      const fmt = c.kind === 'money' ? moneyFormat(currency) : FORMATS[c.kind];
      if (fmt) ws.getColumn(i + 1).eachCell((cell, rowNumber) => {
        if (rowNumber > 1) cell.numFmt = fmt;
      });
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const quote = (v: string | number | null) => {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  // A text cell starting like a formula is neutralised, so a spreadsheet never runs it.
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV of one table (quoted when needed, numbers as plain dots). */
export function csv(t: Table): string {
  return [t.columns.map((c) => quote(c.header)), ...t.rows.map((r) => r.map(quote))].map((r) => r.join(',')).join('\r\n') + '\r\n';
}
