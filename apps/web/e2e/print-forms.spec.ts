import { expect, login, snap, test } from './helpers';

/**
 * Print forms a client can receive: the admin keeps the company's requisites (checked
 * as typed, the bank account against the BIK), and a manager prints an invoice that
 * carries them — the bank block, VAT and the total in words — in a new window.
 */
test.describe('company requisites and print forms', () => {
  test.describe.configure({ timeout: 60_000 });

  test('the admin corrects the requisites; a wrong account is named at its field', async ({ page }) => {
    await login(page, 'admin@lider.test');
    await page.getByTestId('sidebar').getByText('Реквизиты компании').click();
    await expect(page).toHaveURL(/\/company$/);
    await expect(page.getByTestId('company-bik')).toHaveValue('044525225');
    const account = page.getByTestId('company-settlementAccount');
    const good = await account.inputValue();
    const wrongKey = `${good.slice(0, 8)}${(Number(good[8]) + 1) % 10}${good.slice(9)}`;
    await account.fill(wrongKey);
    await page.getByTestId('company-save').click();
    await expect(page.getByText('Расчётный счёт не подходит к БИК')).toBeVisible();

    await account.fill(good);
    await page.getByTestId('company-directorName').fill('Белов Геннадий Петрович');
    await page.getByTestId('company-save').click();
    await expect(page.getByText('Реквизиты сохранены')).toBeVisible();
    await expect(page.getByText('Расчётный счёт не подходит к БИК')).toHaveCount(0);
    await snap(page, 'company-01-requisites');
    await page.reload();
    await expect(page.getByTestId('company-directorName')).toHaveValue('Белов Геннадий Петрович', { timeout: 30_000 });
  });

  test('a manager prints an invoice with the bank details, VAT and the amount in words', async ({ page, context }) => {
    await login(page, 'manager4@lider.test');
    await page.goto('/funnel/invoices');
    const print = page.getByTestId('invoice-print').first();
    await expect(print).toBeVisible({ timeout: 30_000 });
    const [form] = await Promise.all([context.waitForEvent('page'), print.click()]);
    await expect(form.getByText(/Счёт на оплату № СЧ-/)).toBeVisible({ timeout: 30_000 });
    await expect(form.getByText('Банк получателя')).toBeVisible();
    await expect(form.getByText('044525225')).toBeVisible();
    await expect(form.getByText(/В том числе НДС 22\s%/).first()).toBeVisible();
    await expect(form.getByText(/рубл(ь|я|ей) \d\d копе(йка|йки|ек)$/)).toBeVisible();
    await expect(form.getByText('Поставщик (Исполнитель):')).toBeVisible();
    await form.screenshot({ path: 'test-results/screenshots/print-01-invoice.png', fullPage: true });
  });

  test('the company screen is the admin\'s: a manager is refused', async ({ page }) => {
    await login(page, 'manager4@lider.test');
    await expect(page.getByTestId('sidebar').getByText('Реквизиты компании')).toHaveCount(0);
    await page.goto('/company');
    await expect(page.getByTestId('status-title')).toHaveText('Доступ запрещён', { timeout: 30_000 });
  });
});
