import ExcelJS from 'exceljs';

/** How a column is written: money and counts as numbers with Russian Excel formats, days as real dates. */
export type XlsxKind = 'text' | 'money' | 'int' | 'percent' | 'date' | 'month';

export interface XlsxColumn<Row> {
  header: string;
  kind: XlsxKind;
  width?: number;
  value: (row: Row) => string | number | null | undefined;
}

export interface XlsxSheet<Row> {
  name: string;
  columns: ReadonlyArray<XlsxColumn<Row>>;
  rows: readonly Row[];
}

// Excel shows these with the reader's separators: «1 234 567,89» and «01.12.2026» in Russian Excel.
const FORMATS: Record<XlsxKind, string | undefined> = {
  text: undefined,
  money: '#,##0.00',
  int: '#,##0',
  percent: '0.0',
  date: 'dd.mm.yyyy',
  month: 'mm.yyyy',
};

/** A text cell that Excel would run as a formula is prefixed with a quote (CSV/XLSX injection). */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cellValue(kind: XlsxKind, raw: string | number | null | undefined): ExcelJS.CellValue {
  if (raw === null || raw === undefined || raw === '') return null;
  switch (kind) {
    case 'money':
    case 'int':
    case 'percent':
      return Number(raw);
    case 'date':
      return new Date(`${String(raw).slice(0, 10)}T00:00:00Z`);
    case 'month':
      return new Date(`${String(raw).slice(0, 7)}-01T00:00:00Z`);
    default:
      return safeText(String(raw));
  }
}

/** A sheet of any row type, for a workbook that mixes them. */
export type AnySheet = XlsxSheet<unknown>;

/** Types a sheet by its rows, then forgets the row type for the workbook. */
export function sheet<Row>(s: XlsxSheet<Row>): AnySheet {
  return s as unknown as AnySheet;
}

/** One workbook, one sheet per section, a bold frozen header: every analytics export looks the same. */
export async function buildWorkbook(title: string, filters: Array<[string, string]>, sheets: readonly AnySheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Polar CRM';
  const about = wb.addWorksheet('Отчёт');
  about.columns = [{ width: 28 }, { width: 40 }];
  about.addRow([title]).font = { bold: true, size: 14 };
  for (const [name, value] of filters) about.addRow([name, safeText(value)]);
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? (c.kind === 'text' ? 30 : 16), style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {} }));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(sheet.columns.map((c) => cellValue(c.kind, c.value(row))));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
