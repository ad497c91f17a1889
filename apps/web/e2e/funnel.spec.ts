import type { Locator, Page } from '@playwright/test';
import { expect, login, snap, test } from './helpers';

/**
 * The sales funnel against the demo data: every manager1..10 has 2 deals in each open
 * stage, 1 won and 1 lost; invoices fall due in the next working days. Each test signs
 * in as a different manager, so a retried test still finds its own untouched deals.
 */

const NB = '\u00a0';

function column(page: Page, code: string): Locator {
  return page.locator(`[data-test="funnel-column"][data-stage-code="${code}"]`);
}

function cardById(page: Page, id: string): Locator {
  return page.locator(`[data-test="deal-card"][data-deal-id="${id}"]`);
}

async function openBoard(page: Page): Promise<void> {
  await page.getByTestId('sidebar').getByText('Воронка продаж').click();
  await expect(page).toHaveURL(/\/funnel$/);
  // The first screen after sign-in loads its lazy chunks: generous on a busy machine.
  await expect(column(page, 'presentation').getByTestId('deal-card').first()).toBeVisible({ timeout: 30_000 });
}

test.describe('sales funnel', () => {
  // Several screens per test: more room than the default 30 s on a busy machine.
  test.describe.configure({ timeout: 60_000 });

  test('a manager sees the board and drags a deal to the next stage; it stays after reload', async ({ page }) => {
    await login(page, 'manager1@lider.test');
    await openBoard(page);

    await expect(page.getByTestId('funnel-column')).toHaveCount(7);
    const presentation = column(page, 'presentation');
    await expect(presentation.getByTestId('column-title')).toHaveText('Демонстрация / Презентация');
    await expect(presentation.getByTestId('column-count')).toHaveText(/^[12]$/);
    await expect(presentation.getByTestId('column-amount')).toHaveText(new RegExp(`^\\d{1,3}(${NB}\\d{3})*,\\d{2}${NB}₽$`));
    await expect(presentation.getByTestId('column-weighted')).toContainText('₽');
    await expect(column(page, 'won').getByTestId('column-title')).toHaveText('Успешно реализовано');
    await expect(column(page, 'lost').getByTestId('column-title')).toHaveText('Проиграно');
    await expect(page.getByTestId('total-open-count')).toHaveText(/^\d+$/);
    await expect(page.getByTestId('total-open-amount')).toContainText('₽');
    await snap(page, 'funnel-01-board');

    const card = presentation.getByTestId('deal-card').first();
    const id = await card.getAttribute('data-deal-id');
    expect(id).toBeTruthy();
    const proposalCount = Number(await column(page, 'proposal').getByTestId('column-count').textContent());

    await card.dragTo(column(page, 'proposal'));
    await expect(page.getByText(/перенесена: Подготовка предложения/)).toBeVisible();
    await expect(column(page, 'proposal').locator(`[data-deal-id="${id}"]`)).toBeVisible();
    await expect(column(page, 'proposal').getByTestId('column-count')).toHaveText(String(proposalCount + 1));

    await page.reload();
    await expect(column(page, 'proposal').locator(`[data-deal-id="${id}"]`)).toBeVisible({ timeout: 30_000 }); // a reload boots the app again: generous on a busy machine
    await expect(column(page, 'presentation').locator(`[data-deal-id="${id}"]`)).toHaveCount(0);

    // Someone else changes the deal meanwhile: the move answers 409 and the board reloads.
    const status = await page.evaluate(async (dealId) => {
      const { accessToken } = JSON.parse(localStorage.getItem('polar.session') ?? '{}');
      const headers = { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' };
      const deal = await (await fetch(`/api/deals/${dealId}`, { headers })).json();
      const res = await fetch(`/api/deals/${dealId}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ version: deal.version, title: `${deal.title} (изменено)` }),
      });
      return res.status;
    }, id);
    expect(status).toBe(200);
    await cardById(page, id!).getByTestId('deal-card-menu').click();
    await page.locator('[data-test="move-to-decision"]:visible').click();
    await expect(page.getByText('Сделку только что изменил другой пользователь — доска обновлена, повторите действие')).toBeVisible();
    await expect(cardById(page, id!)).toContainText('(изменено)');
    await expect(column(page, 'proposal').locator(`[data-deal-id="${id}"]`)).toBeVisible();
  });

  test('the funnel refuses Won from the first stage and asks why a deal is lost', async ({ page }) => {
    await login(page, 'manager2@lider.test');
    await openBoard(page);

    const card = column(page, 'presentation').getByTestId('deal-card').first();
    const id = (await card.getAttribute('data-deal-id'))!;

    // Won only from the last open stage: refused in Russian, the card goes back.
    await cardById(page, id).dragTo(column(page, 'won'));
    await expect(page.getByText('Успешно закрыть сделку можно только с последнего этапа воронки')).toBeVisible();
    await expect(column(page, 'presentation').locator(`[data-deal-id="${id}"]`)).toBeVisible();
    await expect(column(page, 'won').locator(`[data-deal-id="${id}"]`)).toHaveCount(0);
    await snap(page, 'funnel-02-refused');

    // Lost: the reason and the comment are both required.
    await cardById(page, id).dragTo(column(page, 'lost'));
    const dialog = page.getByTestId('loss-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('loss-submit').click();
    await expect(dialog.getByText('Выберите причину проигрыша')).toBeVisible();
    await expect(dialog.getByText('Напишите комментарий')).toBeVisible();
    await dialog.getByTestId('loss-reason').click();
    await page.getByRole('option', { name: 'Высокая цена' }).click();
    await dialog.getByLabel('Комментарий').fill('Клиент выбрал витрины подешевле');
    await snap(page, 'funnel-03-loss-dialog');
    await dialog.getByTestId('loss-submit').click();
    await expect(dialog).toBeHidden();
    await expect(column(page, 'lost').locator(`[data-deal-id="${id}"]`)).toBeVisible();
    await expect(column(page, 'presentation').locator(`[data-deal-id="${id}"]`)).toHaveCount(0);

    // The keyboard alternative: the card's "Перенести" menu.
    const other = column(page, 'decision').getByTestId('deal-card').first();
    const otherId = (await other.getAttribute('data-deal-id'))!;
    await other.getByTestId('deal-card-menu').click();
    await page.locator('[data-test="move-to-contract"]:visible').click();
    await expect(column(page, 'contract').locator(`[data-deal-id="${otherId}"]`)).toBeVisible();
  });

  test('the deal card: lines with exact totals, a proposal and the history', async ({ page }) => {
    await login(page, 'manager3@lider.test');
    await openBoard(page);
    const card = column(page, 'proposal').getByTestId('deal-card').first();
    const title = (await card.getByTestId('deal-card-title').textContent())!.trim();
    await card.getByTestId('deal-card-title').click();
    await expect(page).toHaveURL(/\/funnel\/deals\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('deal-title')).toHaveText(title);
    await expect(page.getByTestId('deal-client-link')).toHaveAttribute('href', /^\/clients\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('deal-stage')).toHaveText('Подготовка предложения');
    await expect(page.getByTestId('deal-status')).toHaveText('В работе');

    // «Позиции»: a new line 3 × 33,33 with 10 % discount = 89,99 ₽ (computed on kopecks).
    const editor = page.getByTestId('lines-editor');
    const before = await editor.locator('tbody tr').count();
    await page.getByTestId('line-add').click();
    const row = page.getByTestId(`line-row-${before + 1}`);
    await row.getByTestId('line-description').fill('Пусконаладка, выезд инженера');
    await row.getByTestId('line-quantity').fill('3');
    await row.getByTestId('line-price').fill('33,33');
    await row.getByTestId('line-discount').fill('10');
    await expect(row.getByTestId('line-total')).toHaveText(`89,99${NB}₽`);
    await snap(page, 'funnel-04-deal-lines');
    await page.getByTestId('lines-save').click();
    await expect(page.getByText(/Позиции сохранены/)).toBeVisible();
    await expect(row.getByTestId('line-total')).toHaveText(`89,99${NB}₽`);
    await expect(page.getByTestId('lines-dirty')).toHaveCount(0);
    const amount = (await page.getByTestId('deal-amount').textContent())!;
    await expect(page.getByTestId('lines-total')).toHaveText(amount);

    await page.reload();
    await expect(page.getByTestId(`line-row-${before + 1}`).getByTestId('line-total')).toHaveText(`89,99${NB}₽`);
    await expect(page.getByTestId(`line-row-${before + 1}`).getByTestId('line-description')).toHaveValue(
      'Пусконаладка, выезд инженера',
    );

    // «КП»: a proposal made from the deal's lines gets a number КП-<year>-<seq>.
    await page.getByRole('tab', { name: 'КП' }).click();
    await expect(page).toHaveURL(/tab=proposals/);
    await page.getByTestId('proposal-create').click();
    await expect(page.getByText(/КП КП-\d{4}-\d{5} создано/)).toBeVisible();
    const proposalDialog = page.getByTestId('proposal-dialog');
    await expect(proposalDialog).toContainText(/КП-\d{4}-\d{5}/);
    await expect(proposalDialog.getByTestId('lines-total')).toHaveText(amount);
    await snap(page, 'funnel-05-proposal-editor');
    await proposalDialog.getByTestId('proposal-sent').click();
    await expect(page.getByText(/: Отправлено$/)).toBeVisible();
    await proposalDialog.locator('.el-dialog__footer').getByRole('button', { name: 'Закрыть' }).click();
    await expect(page.getByTestId('proposals-table')).toContainText(/КП-\d{4}-\d{5}/);
    await expect(page.getByTestId('proposals-table')).toContainText('Отправлено');
    await snap(page, 'funnel-06-deal-proposals');

    // «История»: the stage changes with Moscow time and the author.
    await page.getByRole('tab', { name: 'История' }).click();
    await expect(page.getByTestId('history-item').first()).toContainText(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
    await expect(page.getByTestId('deal-history')).toContainText('Подготовка предложения');
    await snap(page, 'funnel-07-deal-history');
  });

  test('the deal card: a signed contract and invoices; a new contract is signed', async ({ page }) => {
    await login(page, 'manager7@lider.test');
    await openBoard(page);

    // A deal handed over to installation has a signed contract and invoices.
    await page.goto('/funnel');
    await column(page, 'handover').getByTestId('deal-card-title').first().click();
    await page.getByRole('tab', { name: 'Договор' }).click();
    await expect(page.getByTestId('contract-tab')).toContainText('Подписан');
    await snap(page, 'funnel-08-deal-contract');
    await page.getByRole('tab', { name: 'Счета и оплаты' }).click();
    await expect(page.getByTestId('invoices-table')).toContainText(/СЧ-\d{4}-\d+/);
    await snap(page, 'funnel-09-deal-invoices');

    // A new contract on an earlier deal: create, then sign it.
    await page.goto('/funnel');
    await column(page, 'decision').getByTestId('deal-card-title').first().click();
    await page.getByRole('tab', { name: 'Договор' }).click();
    await page.getByTestId('contract-create').click();
    await page.getByTestId('contract-create-submit').click();
    await expect(page.getByText(/Договор .+ создан/)).toBeVisible();
    await page.getByTestId('contract-sign').click();
    await page.getByTestId('contract-sign-submit').click();
    await expect(page.getByText(/Договор .+ подписан/)).toBeVisible();
    await expect(page.getByTestId('contract-signed')).toBeVisible();

    // An invoice for it: the amount defaults to what is left to invoice.
    await page.getByRole('tab', { name: 'Счета и оплаты' }).click();
    await page.getByTestId('invoice-create').click();
    const dialog = page.getByTestId('invoice-create-dialog');
    await expect(dialog.getByLabel('Сумма')).not.toHaveValue('');
    await dialog.getByTestId('invoice-create-submit').click();
    await expect(page.getByText(/Счёт СЧ-\d{4}-\d+ выставлен/)).toBeVisible();
    await expect(page.getByTestId('invoices-table')).toContainText('Выставлен');
  });

  test('the invoices list highlights due dates and shows an overpayment at the amount field', async ({ page }) => {
    await login(page, 'director@lider.test');
    await page.goto('/funnel');
    await expect(column(page, 'presentation').getByTestId('column-count')).toHaveText(/^\d{2,}$/, { timeout: 30_000 });
    await expect(column(page, 'presentation').getByTestId('deal-card').first()).toContainText(/[А-ЯЁ][а-яё]+ [А-ЯЁ]/);
    await snap(page, 'funnel-01b-board-director');
    await page.getByTestId('funnel-nav-invoices').click();
    await expect(page).toHaveURL(/\/funnel\/invoices$/);
    const table = page.getByTestId('invoices-table');
    await expect(table.getByTestId('invoice-number').first()).toHaveText(/СЧ-\d{4}-\d+/);
    await expect(table.locator('tr.row-overdue').first()).toBeVisible();
    await expect(table.getByTestId('due-soon').first()).toHaveText('скоро срок');
    await expect(page.getByText('скоро срок — не оплачен, срок в ближайшие 7 календарных дней')).toBeVisible();
    await snap(page, 'funnel-10-invoices');

    const firstRow = table.locator('tbody tr').first();
    const number = (await firstRow.getByTestId('invoice-number').textContent())!.trim();
    await firstRow.getByTestId('invoice-pay').click();
    const dialog = page.getByTestId('payment-dialog');
    await expect(dialog).toBeVisible();
    const outstanding = (await dialog.getByTestId('payment-outstanding').textContent())!.trim();
    await dialog.getByLabel('Сумма оплаты, ₽').fill('99999999,99');
    await dialog.getByTestId('payment-submit').click();
    const amountItem = dialog.locator('.el-form-item', { has: page.locator('#pay-amount') });
    // The SPA's own words for the code and field (not the server's English «At most …»),
    // with the outstanding amount re-read above the field.
    await expect(amountItem.locator('.el-form-item__error')).toHaveText('Сумма больше остатка к оплате');
    await expect(dialog.getByTestId('payment-outstanding')).toHaveText(outstanding);
    await expect(dialog).toBeVisible();
    await snap(page, 'funnel-11-overpayment');

    // The exact outstanding amount pays the invoice off: it leaves the unpaid list.
    await dialog.getByLabel('Сумма оплаты, ₽').fill(outstanding.replace(/[^\d,]/g, ''));
    await dialog.getByTestId('payment-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(new RegExp(`по счёту ${number} зарегистрирована`))).toBeVisible();
    await expect(table.getByTestId('invoice-number').filter({ hasText: number })).toHaveCount(0);
  });

  test('a manager creates a deal from the board', async ({ page }) => {
    await login(page, 'manager6@lider.test');
    await openBoard(page);
    const before = Number(await column(page, 'presentation').getByTestId('column-count').textContent());
    await page.getByTestId('deal-create').click();
    const dialog = page.getByTestId('deal-create-dialog');
    await dialog.getByLabel('Клиент').click();
    await page.locator('.el-select-dropdown__item:visible').first().click();
    await dialog.getByLabel('Название сделки').fill('Холодильная камера для склада');
    await dialog.getByLabel('Сумма, ₽').fill('150 000,5');
    await snap(page, 'funnel-13-new-deal');
    await dialog.getByTestId('nd-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Сделка «Холодильная камера для склада» создана')).toBeVisible();
    const card = column(page, 'presentation').getByTestId('deal-card').filter({ hasText: 'Холодильная камера для склада' });
    await expect(card.getByTestId('deal-card-amount')).toHaveText(`150${NB}000,50${NB}₽`);
    await expect(column(page, 'presentation').getByTestId('column-count')).toHaveText(String(before + 1));
  });

  test('the catalogue is read-only for a manager and editable for the director', async ({ page }) => {
    await login(page, 'manager5@lider.test');
    await page.goto('/funnel/catalog');
    await expect(page.getByTestId('catalog-table')).toContainText('Витрина холодильная «Ариада» 1,2 м');
    await expect(page.getByTestId('product-create')).toHaveCount(0);
    await expect(page.getByText('Просмотр: изменять каталог могут администратор и директор')).toBeVisible();

    await page.getByTestId('logout').click();
    await login(page, 'director@lider.test');
    await page.goto('/funnel/catalog');
    await page.getByTestId('catalog-search').fill('VIT-ARIADA-1.2');
    await expect(page.getByTestId('catalog-table').locator('tbody tr')).toHaveCount(1);
    await page.getByTestId('product-edit').first().click();
    const dialog = page.getByTestId('product-dialog');
    await dialog.getByLabel('Цена, ₽').fill('119 900,50');
    await dialog.getByTestId('pd-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('catalog-table')).toContainText(`119${NB}900,50${NB}₽`);
    await snap(page, 'funnel-12-catalog');
  });
});
