/**
 * The three printed documents of a deal, on the standard of print-page.ts. Each takes
 * the data already read and scoped by FunnelDocumentsService; none reads the database.
 */
import { compareMoney, formatMoney, type VatRate } from '@polar/money';
import type { CompanyProfileDto } from '../../company/dto/company.dto';
import type { ContractDto, InvoiceDto, ProposalDto } from '../dto/funnel.dto';
import { buyerLine, dayLong, dayNumeric, esc, linesTable, renderPage, sellerLine, signature, totalInWords, type PrintLine, type PrintParty } from './print-page';

const vatOf = (c: CompanyProfileDto) => c.vatRate as VatRate;

/**
 * The lines a document lists: the deal's when the document is for the deal's whole
 * amount, else one line for the document's amount (an advance, a part payment, a
 * contract priced apart) — so the lines always add up to the printed total.
 */
function linesFor(amount: string, dealAmount: string | null, dealLines: readonly PrintLine[], description: string): readonly PrintLine[] {
  if (dealLines.length && dealAmount !== null && compareMoney(dealAmount, amount) === 0) return dealLines;
  return [{ description, quantity: '1', unit: 'усл.', unitPrice: amount, discountPercent: '0', lineTotal: amount }];
}

/** «Коммерческое предложение»: to the client, valid until a date, signed by the manager. */
export function proposalHtml(input: { proposal: ProposalDto; dealTitle: string; buyer: PrintParty; managerName: string | null; company: CompanyProfileDto }): string {
  const { proposal: p, company } = input;
  const body = `<h1>Коммерческое предложение № ${esc(p.number)} от ${dayLong(p.issueDate)}</h1>
<table class="parties"><tr><td class="b">Кому:</td><td>${buyerLine(input.buyer)}</td></tr>
<tr><td class="b">Предмет:</td><td>${esc(input.dealTitle)}</td></tr>
${p.validUntil ? `<tr><td class="b">Действительно до:</td><td>${dayNumeric(p.validUntil)}</td></tr>` : ''}</table>
${linesTable(p.lines, p.total, vatOf(company))}
${totalInWords(p.lines.length, p.total, vatOf(company))}
${p.notes ? `<p>${esc(p.notes).replace(/\n/g, '<br>')}</p>` : ''}
<div class="signs">${signature('Менеджер', input.managerName)}</div>`;
  return renderPage(`Коммерческое предложение ${p.number}`, company, body);
}

/**
 * «Счёт на оплату» in the usual form: the bank-details block for the payment order on
 * top, supplier and buyer, the basis (contract), the lines and the due date. An invoice
 * for the deal's whole amount lists the deal's lines; any other amount (an advance, a
 * part payment) is one line naming what it pays for.
 */
export function invoiceHtml(input: { invoice: InvoiceDto; dealTitle: string | null; dealLines: readonly PrintLine[]; dealAmount: string | null; contract: ContractDto | null; buyer: PrintParty; company: CompanyProfileDto }): string {
  const { invoice: inv, company: c, contract } = input;
  const basis = contract ? `Договор № ${esc(contract.number)}${contract.signedOn ? ` от ${dayNumeric(contract.signedOn)}` : ''}` : input.dealTitle ? esc(input.dealTitle) : '';
  const purpose = contract ? `Оплата по договору № ${contract.number}${contract.signedOn ? ` от ${dayNumeric(contract.signedOn)}` : ''}` : `Оплата: ${input.dealTitle ?? `счёт № ${inv.number}`}`;
  const lines = linesFor(inv.amount, input.dealAmount, input.dealLines, purpose);
  const bank = `<table class="bank">
<tr><td colspan="2" rowspan="2">${esc(c.bankName)}<div class="caption">Банк получателя</div></td><td>БИК</td><td>${esc(c.bik)}</td></tr>
<tr><td>Сч. №</td><td>${esc(c.correspondentAccount)}</td></tr>
<tr><td>ИНН ${esc(c.inn)}</td><td>КПП ${esc(c.kpp)}</td><td rowspan="2">Сч. №</td><td rowspan="2">${esc(c.settlementAccount)}</td></tr>
<tr><td colspan="2">${esc(c.fullName)}<div class="caption">Получатель</div></td></tr></table>`;
  const body = `${bank}
<h1>Счёт на оплату № ${esc(inv.number)} от ${dayLong(inv.issueDate)}</h1>
<table class="parties"><tr><td class="b">Поставщик (Исполнитель):</td><td>${sellerLine(c)}</td></tr>
<tr><td class="b">Покупатель (Заказчик):</td><td>${buyerLine(input.buyer)}</td></tr>
${basis ? `<tr><td class="b">Основание:</td><td>${basis}</td></tr>` : ''}</table>
${linesTable(lines, inv.amount, vatOf(c))}
${totalInWords(lines.length, inv.amount, vatOf(c))}
<p>Оплатить не позднее ${dayNumeric(inv.dueDate)}. В назначении платежа укажите номер счёта.</p>
<div class="signs">${signature(c.directorTitle || 'Руководитель', c.directorName)}${signature('Бухгалтер', c.accountantName)}</div>`;
  return renderPage(`Счёт на оплату ${inv.number}`, c, body);
}

/** The contract summary: parties, subject, amount with VAT, installation deadline, lines, both signatures. */
export function contractHtml(input: { contract: ContractDto; dealTitle: string; dealLines: readonly PrintLine[]; dealAmount: string; buyer: PrintParty; company: CompanyProfileDto }): string {
  const { contract: k, company: c } = input;
  const lines = linesFor(k.amount, input.dealAmount, input.dealLines, input.dealTitle);
  const body = `<h1>Договор № ${esc(k.number)}${k.signedOn ? ` от ${dayLong(k.signedOn)}` : ''}: сводка условий</h1>
<table class="parties"><tr><td class="b">Поставщик:</td><td>${sellerLine(c)}</td></tr>
<tr><td class="b">Покупатель:</td><td>${buyerLine(input.buyer)}</td></tr>
<tr><td class="b">Предмет:</td><td>${esc(input.dealTitle)}</td></tr>
<tr><td class="b">Цена договора:</td><td>${formatMoney(k.amount)}</td></tr>
${k.installationDeadline ? `<tr><td class="b">Срок монтажа:</td><td>до ${dayNumeric(k.installationDeadline)}</td></tr>` : ''}</table>
${linesTable(lines, k.amount, vatOf(c))}
${totalInWords(lines.length, k.amount, vatOf(c))}
<div class="signs"><div><div class="b">Поставщик</div>${signature(c.directorTitle || 'Руководитель', c.directorName)}</div><div><div class="b">Покупатель</div>${signature('', null)}</div></div>`;
  return renderPage(`Договор ${k.number}`, c, body);
}
