/**
 * The one standard of the printed documents (proposal, invoice, contract summary):
 * an A4 page with the seller's logo and requisites on top, a lines table whose
 * totals state the VAT the amount contains (or «Без НДС»), the total in words, and
 * signature blocks. Pure functions from data to HTML; everything user-typed is escaped.
 */
import { amountInWords, formatMoney, isZeroMoney, trimDecimal, vatIncluded, vatLabel, type VatRate } from '@polar/money';
import { formatPhone } from '@polar/ru-ids';
import type { CompanyProfileDto } from '../../company/dto/company.dto';

/** The buyer as print forms name them: from the client card. */
export interface PrintParty {
  name: string;
  inn: string | null;
  kpp: string | null;
  address: string | null;
}

export interface PrintLine {
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  discountPercent: string;
  lineTotal: string;
}

const MONTHS_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

export function esc(value: string | null | undefined): string {
  return (value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** 'YYYY-MM-DD' → «30.11.2026». */
export function dayNumeric(day: string): string {
  return day.split('-').reverse().join('.');
}

/** 'YYYY-MM-DD' → «30 ноября 2026 г.», as document headings write it. */
export function dayLong(day: string): string {
  const [y, m, d] = day.split('-');
  return `${Number(d)} ${MONTHS_GENITIVE[Number(m) - 1]} ${y} г.`;
}

const money = (v: string) => formatMoney(v, '');

/** «ООО «Лидер», ИНН 7701234567, КПП 770101001, 125009, г. Москва, …, тел. +7 (495) 123-45-67». */
export function sellerLine(c: CompanyProfileDto): string {
  const parts = [c.fullName || c.shortName, c.inn && `ИНН ${c.inn}`, c.kpp && `КПП ${c.kpp}`, c.legalAddress, c.phone && `тел. ${formatPhone(c.phone)}`];
  return esc(parts.filter(Boolean).join(', '));
}

export function buyerLine(p: PrintParty): string {
  return esc([p.name, p.inn && `ИНН ${p.inn}`, p.kpp && `КПП ${p.kpp}`, p.address].filter(Boolean).join(', '));
}

/** The lines with «Итого», the VAT the total contains and «Всего к оплате». */
export function linesTable(lines: readonly PrintLine[], total: string, vatRate: VatRate): string {
  const withDiscount = lines.some((l) => !isZeroMoney(l.discountPercent));
  const rows = lines
    .map(
      (l, i) =>
        `<tr><td class="n">${i + 1}</td><td>${esc(l.description)}</td><td class="n">${esc(trimDecimal(l.quantity))}</td><td>${esc(l.unit)}</td>` +
        `<td class="n">${money(l.unitPrice)}</td>${withDiscount ? `<td class="n">${isZeroMoney(l.discountPercent) ? '—' : `${esc(trimDecimal(l.discountPercent))}&nbsp;%`}</td>` : ''}` +
        `<td class="n">${money(l.lineTotal)}</td></tr>`,
    )
    .join('');
  const span = withDiscount ? 6 : 5;
  const vat = vatRate === 'none' ? '—' : money(vatIncluded(total, vatRate));
  return `<table class="lines"><thead><tr><th class="n">№</th><th>Наименование</th><th class="n">Кол-во</th><th>Ед.</th><th class="n">Цена, ₽</th>${withDiscount ? '<th class="n">Скидка</th>' : ''}<th class="n">Сумма, ₽</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><td colspan="${span}" class="n b">Итого:</td><td class="n b">${money(total)}</td></tr>
<tr><td colspan="${span}" class="n b">${esc(vatLabel(vatRate))}:</td><td class="n b">${vat}</td></tr>
<tr><td colspan="${span}" class="n b">Всего к оплате:</td><td class="n b">${money(total)}</td></tr></tfoot></table>`;
}

/** «Всего наименований 3, на сумму 302 200,00 руб.» and the amount in words. */
export function totalInWords(count: number, total: string, vatRate: VatRate): string {
  const vat = vatRate === 'none' ? 'Без НДС' : `${vatLabel(vatRate)} — ${money(vatIncluded(total, vatRate))} руб.`;
  return `<p>Всего наименований ${count}, на сумму ${money(total)} руб.<br><b>${esc(amountInWords(total))}</b><br>${esc(vat)}</p>`;
}

/** A signature line: «Генеральный директор ________ / Иванов И. И. /». */
export function signature(role: string, name: string | null): string {
  return `<div class="sign"><span class="role">${esc(role)}</span><span class="line"></span><span class="name">/ ${esc(name ?? '')} /</span></div>`;
}

/** The seller's header: logo and requisites, or a warning when none are entered yet. */
function header(c: CompanyProfileDto): string {
  if (!c.configured) {
    return `<div class="warn">Реквизиты компании не заполнены: администратор вносит их в разделе «Реквизиты компании».</div>`;
  }
  const logo = c.logo ? `<img class="logo" src="${esc(c.logo)}" alt="">` : '';
  const email = c.email ? `, e-mail: ${esc(c.email)}` : '';
  return `<header>${logo}<div><div class="b">${esc(c.shortName)}</div><div class="muted">${sellerLine(c)}${email}</div></div></header>`;
}

const STYLE = `@page{size:A4;margin:15mm 12mm}
body{font-family:Arial,Helvetica,sans-serif;font-size:10.5pt;color:#111;margin:24px auto;max-width:186mm}
header{display:flex;gap:12px;align-items:flex-start;border-bottom:1px solid #999;padding-bottom:8px;margin-bottom:12px}
.logo{max-height:56px;max-width:160px}
h1{font-size:15pt;margin:14px 0 8px}
table{border-collapse:collapse;width:100%;margin:10px 0}
th,td{border:1px solid #777;padding:4px 6px;vertical-align:top}
th{background:#f2f2f2;text-align:left}
.lines tfoot td{border:none}
.n{text-align:right;white-space:nowrap}.b{font-weight:bold}.muted{color:#444;font-size:9.5pt}
.bank td{height:1.4em}.bank .caption{font-size:8.5pt;color:#444;border-top:none}
.warn{border:2px solid #c00;color:#c00;padding:8px;margin-bottom:12px}
.signs{margin-top:28px;display:flex;flex-wrap:wrap;gap:18px 40px}
.sign{display:flex;align-items:flex-end;gap:8px;min-width:80mm}.sign .line{flex:1;border-bottom:1px solid #111;min-width:30mm;height:1.2em}
.parties td{border:none;padding:2px 6px 2px 0}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}}`;

/** The whole document: doctype, A4 print CSS, the seller's header and the body. */
export function renderPage(title: string, company: CompanyProfileDto, body: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>
${header(company)}
${body}
</body></html>`;
}
