import ExcelJS from 'exceljs';
import type { Response } from 'express';

export interface Column {
  key: string;
  /** The header the hall reads (Chinese; the key is the English identifier). */
  zh: string;
}

export const exportFormats = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** A spreadsheet program runs a cell that starts with = + - @ as a formula: such text is quoted (CSV injection). */
const safeText = (v: unknown): string | number => {
  if (typeof v === 'number') return v;
  const text = v === null || v === undefined ? '' : String(v);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
};

const csvCell = (v: unknown): string => {
  const text = String(safeText(v));
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The rows as CSV (UTF-8 with BOM, so Excel reads the Chinese headers) or as an XLSX workbook. */
export async function sendTable(res: Response, name: string, columns: Column[], rows: Array<Record<string, unknown>>, format: 'csv' | 'xlsx'): Promise<void> {
  const file = `${name}.${format}`;
  res.setHeader('Content-Disposition', `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(file)}`);
  if (format === 'csv') {
    const lines = [columns.map((c) => csvCell(c.zh)).join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c.key])).join(','))];
    res.type('text/csv; charset=utf-8').send(`\uFEFF${lines.join('\r\n')}\r\n`);
    return;
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OneWindow';
  const sheet = workbook.addWorksheet(name.slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: c.zh, key: c.key, width: Math.max(10, c.zh.length * 2 + 2) }));
  for (const row of rows) sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, safeText(row[c.key])])));
  sheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(buffer as ArrayBuffer));
}
