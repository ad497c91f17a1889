import { formatRuDate } from '@polar/business-time';
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { AuthenticatedUser } from '../../../common/auth/authenticated-user';
import { mapClient } from '../client.mapper';
import { ClientsRepository } from '../clients.repository';
import type { ClientDto, ClientExportQueryDto } from '../dto/client.dto';
import { toInputDecimal } from '@polar/money';
import { ReadRouting } from '../../../common/replica';

/** A spreadsheet has room for about a million rows; beyond this an export is a report, not a list. */
export const MAX_EXPORT_ROWS = 200_000;
const PAGE = 2000;

const STATUS_RU: Record<string, string> = { cold: 'Холодный', thinking: 'Думает', ready: 'Готов к покупке', active: 'Активный', regular: 'Постоянный', lost: 'Потерян' };
const KIND_RU: Record<string, string> = { legal_entity: 'Юридическое лицо', individual: 'Физическое лицо' };

interface Column {
  header: string;
  width: number;
  value: (c: ClientDto) => string | null;
  /** Decimal-string amount: a number in XLSX, "1234,56" in CSV. */
  money?: boolean;
}

const COLUMNS: Column[] = [
  { header: 'Наименование', width: 40, value: (c) => c.name },
  { header: 'Тип', width: 18, value: (c) => KIND_RU[c.kind] },
  { header: 'ИНН', width: 14, value: (c) => c.inn },
  { header: 'КПП', width: 12, value: (c) => c.kpp },
  { header: 'ОГРН', width: 17, value: (c) => c.ogrn },
  { header: 'Статус', width: 16, value: (c) => STATUS_RU[c.status] },
  { header: 'Отрасль', width: 24, value: (c) => c.industryName },
  { header: 'Вид деятельности', width: 22, value: (c) => c.activityKindName },
  { header: 'Регион', width: 20, value: (c) => c.region },
  { header: 'Город', width: 16, value: (c) => c.city },
  { header: 'Адрес', width: 36, value: (c) => c.address },
  { header: 'Телефоны', width: 22, value: (c) => c.phones.join(', ') },
  { header: 'E-mail', width: 26, value: (c) => c.emails.join(', ') },
  { header: 'Численность', width: 12, value: (c) => (c.headcount === null ? null : String(c.headcount)) },
  { header: 'Годовая выручка, ₽', width: 18, value: (c) => c.annualRevenue, money: true },
  { header: 'Канал привлечения', width: 20, value: (c) => c.channelName },
  { header: 'Теги', width: 22, value: (c) => c.tags.join(', ') },
  { header: 'Менеджер', width: 30, value: (c) => c.managerName },
  { header: 'Создан', width: 12, value: (c) => formatRuDate(c.createdAt) },
];

/**
 * A cell that starts like a formula (= + - @, tab, CR) would be executed by Excel when
 * the CSV is opened: prefix it with an apostrophe so it is shown as text.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Exports the filtered client list (scope applied) to XLSX or CSV for Russian Excel. */
@Injectable()
export class ClientExportService {
  constructor(
    private readonly repo: ClientsRepository,
    private readonly reads: ReadRouting,
  ) {}

  /**
   * Checks the filters (an unknown segment is a 404, a bad filter a 400) and returns the
   * pages to write. Called before any header or byte is sent: once a download has started,
   * its status can no longer tell the user what went wrong.
   */
  async open(query: ClientExportQueryDto, user: AuthenticatedUser): Promise<AsyncGenerator<ClientDto[]>> {
    // On the streaming replica when the request was routed there (see ReadsFromReplica).
    const qb = await this.repo.filtered(query, user, this.reads.manager());
    this.repo.order(qb, query);
    // The first page is read here too, so that a failing query also fails before the headers.
    const first = await qb.clone().offset(0).limit(Math.min(PAGE, MAX_EXPORT_ROWS)).getMany();
    return (async function* pages() {
      let rows = first;
      for (let offset = 0; offset < MAX_EXPORT_ROWS; ) {
        if (!rows.length) return;
        yield rows.map(mapClient);
        if (rows.length < PAGE) return;
        offset += PAGE;
        if (offset >= MAX_EXPORT_ROWS) return;
        rows = await qb.clone().offset(offset).limit(Math.min(PAGE, MAX_EXPORT_ROWS - offset)).getMany();
      }
    })();
  }

  /** CSV: `;`-separated, UTF-8 with BOM, comma decimals — opens correctly in Russian Excel. */
  async writeCsv(pages: AsyncIterable<ClientDto[]>, out: Writable): Promise<void> {
    out.write('\uFEFF');
    out.write(stringify([COLUMNS.map((c) => c.header)], { delimiter: ';', record_delimiter: '\r\n' }));
    for await (const page of pages) {
      const records = page.map((client) =>
        COLUMNS.map((col) => {
          const v = col.value(client);
          if (v === null || v === undefined) return '';
          return col.money ? toInputDecimal(v) : neutraliseFormula(v);
        }),
      );
      out.write(stringify(records, { delimiter: ';', record_delimiter: '\r\n' }));
    }
    out.end();
  }

  /** XLSX, streamed row by row; text cells are always text, never formulas. */
  async writeXlsx(pages: AsyncIterable<ClientDto[]>, out: Writable): Promise<void> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet('Клиенты', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width, style: c.money ? { numFmt: '#,##0.00' } : {} }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const page of pages) {
      for (const client of page) {
        sheet
          .addRow(
            COLUMNS.map((col) => {
              const v = col.value(client);
              if (v === null || v === undefined) return null;
              // Excel keeps numbers as doubles; revenue figures (< 10^13 ₽) stay exact to the kopeck.
              return col.money ? Number(v) : { richText: [{ text: v }] };
            }),
          )
          .commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  }
}
