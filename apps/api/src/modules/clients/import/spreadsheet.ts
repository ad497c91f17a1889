import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export interface ParsedSheet {
  headers: string[];
  /** Data rows as header → text, in file order. */
  rows: Array<Record<string, string>>;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Reads a client spreadsheet: XLSX, or CSV separated by `;` or `,` in UTF-8 (with or
 * without BOM) or Windows-1251 — what Russian offices' Excel and 1C actually produce.
 */
export async function readSpreadsheet(buffer: Buffer): Promise<ParsedSheet> {
  if (ZIP_MAGIC.every((b, i) => buffer[i] === b)) return readXlsx(buffer);
  return readCsv(decodeText(buffer));
}

export function decodeText(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    // Not valid UTF-8: Excel's "CSV" in a Russian Windows is Windows-1251.
    return new TextDecoder('windows-1251').decode(buffer);
  }
}

function readCsv(text: string): ParsedSheet {
  const firstLine = text.slice(0, text.search(/\r?\n/) === -1 ? undefined : text.search(/\r?\n/));
  const delimiter = count(firstLine, ';') >= count(firstLine, ',') ? ';' : ',';
  const records: string[][] = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true });
  return toSheet(records);
}

async function readXlsx(buffer: Buffer): Promise<ParsedSheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = cellText(cell.value);
    });
    records.push(Array.from(values, (v) => v ?? ''));
  });
  return toSheet(records);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    return '';
  }
  return String(value).trim();
}

function toSheet(records: string[][]): ParsedSheet {
  const [headerRow, ...data] = records;
  if (!headerRow) return { headers: [], rows: [] };
  const headers = headerRow.map((h) => h.trim());
  const rows = data
    .filter((r) => r.some((v) => v && v.trim()))
    .map((r) => Object.fromEntries(headers.map((h, i) => [h, (r[i] ?? '').trim()])));
  return { headers, rows };
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}
