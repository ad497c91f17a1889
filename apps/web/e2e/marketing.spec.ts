import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, login, snap, test } from './helpers';

test.describe.configure({ mode: 'default' });

/** The link token the API signs (the same HMAC), for the address, with this server's secret. */
function unsubscribeToken(address: string): string {
  const secret = readFileSync(join(process.env.POLAR_E2E_DATA_DIR!, 'jwt-access-secret'), 'utf8').trim();
  const mac = createHmac('sha256', `unsubscribe:${secret}`).update(address).digest('base64url').slice(0, 32);
  return `${Buffer.from(address).toString('base64url')}.${mac}`;
}

test.describe('marketing', () => {
  // Several screens per test: more room than the default 30 s on a busy machine.
  test.describe.configure({ timeout: 60_000 });
  test('the marketer opens the exhibition: costs, effectiveness with a chart, influences', async ({ page }) => {
    await login(page, 'marketing1@lider.test');
    await page.getByTestId('sidebar').getByText('Маркетинг').click();
    await expect(page).toHaveURL(/\/marketing$/);
    await page.getByTestId('campaigns-table').getByText('Выставка «Холодильное оборудование и торговые системы»').click();
    await expect(page.getByTestId('campaign-title')).toHaveText('Выставка «Холодильное оборудование и торговые системы»');
    await expect(page.getByTestId('campaign-cost')).toHaveText('348 540,50 ₽');
    await expect(page.getByTestId('campaign-status')).toHaveText('Завершена');
    await expect(page.getByTestId('kpi-touchedClients')).not.toContainText('—');
    await expect(page.getByTestId('influences-table').locator('tbody tr').first()).toBeVisible();
    await snap(page, '60-marketing-campaign');

    await expect(page.getByTestId('campaign-costs')).toContainText('Аренда стенда 24 м²');
  });

  test('a mailing draft: an unknown placeholder is named, the preview fills the placeholders in', async ({ page }) => {
    await login(page, 'marketing1@lider.test');
    await page.goto('/marketing/mailings');
    await expect(page.getByTestId('mailings-table')).toContainText('Приглашение на выставку');
    await page.getByTestId('mailing-new').click();
    await page.getByTestId('mailing-name').fill('Весенняя акция');
    await page.getByTestId('mailing-subject').fill('{{contact.nickname}}, скидка 10 %');
    await page.getByTestId('mailing-html').fill('<p>Здравствуйте, {{contact.firstName}}!</p>');
    await page.getByTestId('mailing-text').fill('Здравствуйте, {{contact.firstName}}!');
    await page.getByTestId('mailing-save').click();
    // Refused (422 naming the placeholder): the draft is not created.
    await expect(page).toHaveURL(/\/marketing\/mailings\/new$/);

    await page.getByTestId('mailing-subject').fill('{{contact.firstName}}, скидка 10 %');
    await page.getByTestId('mailing-save').click();
    await expect(page).toHaveURL(/\/marketing\/mailings\/[0-9a-f-]{36}$/);
    await page.getByTestId('mailing-preview').click();
    await expect(page.getByTestId('preview-subject')).toContainText(', скидка 10 %');
    await expect(page.getByTestId('preview-subject')).not.toContainText('{{');
    await snap(page, '61-marketing-mailing-preview');
  });

  test('the sent mailing shows its delivery log; the suppression list takes an address; the ABC/XYZ matrix drills down', async ({ page }) => {
    await login(page, 'marketing1@lider.test');
    await page.goto('/marketing/mailings');
    await page.getByTestId('mailings-table').getByText('Приглашение на выставку').click();
    await expect(page.getByTestId('mailing-status')).toHaveText('Отправлена');
    await expect(page.getByTestId('deliveries-table')).toContainText('Отправлено');

    await page.getByTestId('marketing-nav-suppressions').click();
    await page.getByTestId('suppression-address').fill('no-more@example.ru');
    await page.getByTestId('suppression-add').click();
    await expect(page.getByTestId('suppressions-table')).toContainText('no-more@example.ru');

    await page.getByTestId('marketing-nav-abc').click();
    await expect(page.getByTestId('abc-matrix')).toBeVisible();
    await page.getByTestId('cell-AX').click();
    await expect(page.getByTestId('abc-drill')).toBeVisible();
    await snap(page, '62-marketing-abc-xyz');
  });

  test('greeting settings: switch birthdays on with the shift to a working day; an unknown placeholder is refused', async ({ page }) => {
    await login(page, 'marketing1@lider.test');
    await page.goto('/marketing');
    await page.getByTestId('marketing-nav-greetings').click();
    const birthday = page.getByTestId('greeting-birthday');
    await expect(birthday).toContainText('День рождения');
    await expect(page.getByTestId('greeting-womens_day')).toContainText('08.03');
    await birthday.getByTestId('greeting-subject').fill('С днём рождения, {{contact.nick}}!');
    await birthday.getByTestId('greeting-save').click();
    await expect(page.locator('.el-message--error, .el-notification')).toContainText('{{contact.nick}}');
    await birthday.getByTestId('greeting-subject').fill('С днём рождения, {{contact.firstAndMiddleName}}!');
    await birthday.getByTestId('greeting-enabled').click();
    await birthday.getByTestId('greeting-save').click();
    await expect(page.locator('.el-message--success')).toContainText('Сохранено');
    await page.reload();
    await expect(page.getByTestId('greeting-birthday').getByTestId('greeting-subject')).toHaveValue('С днём рождения, {{contact.firstAndMiddleName}}!');
    await expect(page.getByTestId('greeting-birthday').locator('.el-switch')).toHaveClass(/is-checked/);
    await snap(page, '64-marketing-greetings');
  });

  test('the client list filters by ABC/XYZ class, and the address keeps the filter', async ({ page }) => {
    await login(page, 'marketing1@lider.test');
    await page.goto('/clients');
    const table = page.getByTestId('clients-table');
    await expect(table.locator('tr.client-row').first()).toBeVisible();
    await page.getByTestId('filter-abc').click();
    await page.getByRole('option', { name: 'A — основные' }).click();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/abcClass=A/);
    await expect(page.getByTestId('active-filters')).toContainText('ABC-класс: A');
    await expect(table.locator('tr.client-row').first()).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('active-filters')).toContainText('ABC-класс: A');
  });

  test('a deal shows its source campaign on the card; the manager changes it in the deal form', async ({ page }) => {
    await login(page, 'manager1@lider.test');
    await page.getByTestId('sidebar').getByText('Воронка продаж').click();
    const card = page.locator('[data-test="funnel-column"][data-stage-code="presentation"] [data-test="deal-card"]').first();
    await expect(card).toBeVisible({ timeout: 30_000 });
    const id = await card.getAttribute('data-deal-id');
    await page.goto(`/funnel/deals/${id}`);
    await expect(page.getByTestId('deal-campaign')).toBeVisible();
    await page.getByTestId('deal-edit').click();
    const dialog = page.getByTestId('deal-edit-dialog');
    await dialog.getByTestId('campaign-select').click();
    await page.getByRole('option', { name: 'Весенняя акция: скидка 10 % на витрины «Ариада»' }).click();
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect(page.getByTestId('deal-campaign')).toHaveText('Весенняя акция: скидка 10 % на витрины «Ариада»');
    await page.reload();
    await expect(page.getByTestId('deal-campaign')).toHaveText('Весенняя акция: скидка 10 % на витрины «Ариада»');
    await page.getByTestId('deal-campaign').click();
    await expect(page.getByTestId('campaign-title')).toHaveText('Весенняя акция: скидка 10 % на витрины «Ариада»');
  });

  test('the marketer records and withdraws a contact\'s e-mail consent in the client card', async ({ page }) => {
    await login(page, 'marketing1@lider.test');
    await page.goto('/clients');
    await page.getByLabel('Поиск клиентов').fill('Восточный мясокомбинат');
    // Wait for the search to answer: clicking the unfiltered list's first row while it is replaced goes nowhere.
    const link = page.getByTestId('clients-table').getByTestId('client-link');
    await expect(link).toHaveText([/Восточный мясокомбинат/], { timeout: 30_000 });
    await link.click();
    await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}/);
    const tab = page.getByRole('tab', { name: /Контакты/ });
    await tab.click();
    const row = page.getByTestId('contacts-table').locator('tbody tr.el-table__row').first();
    await row.locator('.el-table__expand-icon').click();
    const consents = page.getByTestId('contact-consents').first();
    const email = consents.getByTestId('consent-email');
    await expect(email).toBeVisible();
    if (await email.getByTestId('consent-withdraw').isVisible()) {
      await email.getByTestId('consent-withdraw').click();
      await consents.getByTestId('consent-method').fill('Просьба по телефону');
      await consents.getByTestId('consent-save').click();
      await expect(email.getByTestId('consent-state')).toContainText('Отозвано');
    }
    await email.getByTestId('consent-grant').click();
    await consents.getByTestId('consent-method').fill('Анкета на выставке');
    await consents.getByTestId('consent-save').click();
    await expect(email.getByTestId('consent-state')).toContainText(/Дано \d{2}\.\d{2}\.\d{4} · Анкета на выставке · /);
    await snap(page, '65-marketing-consents');
    await email.getByTestId('consent-withdraw').click();
    await consents.getByTestId('consent-method').fill('Письмо с отказом');
    await consents.getByTestId('consent-save').click();
    await expect(email.getByTestId('consent-state')).toContainText(/Отозвано \d{2}\.\d{2}\.\d{4} · Письмо с отказом/);
    await consents.locator('summary').click();
    await expect(consents.locator('li').first()).toContainText('отзыв, Письмо с отказом');
  });

  test('a sales manager sees the campaigns with own figures only, and no mailings', async ({ page }) => {
    await login(page, 'manager1@lider.test');
    await page.goto('/marketing');
    await expect(page.getByTestId('campaigns-table')).toContainText('Весенняя акция');
    await expect(page.getByTestId('campaign-new')).toHaveCount(0);
    await expect(page.getByTestId('marketing-nav-mailings')).toHaveCount(0);
    await page.getByTestId('campaigns-table').getByText('Весенняя акция').click();
    await expect(page.getByText('Показаны только ваши клиенты')).toBeVisible();
  });

  test('the unsubscribe page changes nothing on opening; the button unsubscribes', async ({ page }) => {
    const token = unsubscribeToken('reader@example.ru');
    await page.goto(`/unsubscribe?token=${token}`);
    await expect(page.getByText('Отписать адрес re***@example.ru')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('unsubscribe-confirm')).toBeVisible();
    await page.getByTestId('unsubscribe-confirm').click();
    await expect(page.getByTestId('unsubscribe-done')).toContainText('re***@example.ru');
    await page.goto('/unsubscribe?token=broken.token');
    await expect(page.getByTestId('unsubscribe-invalid')).toBeVisible();
  });

  test('works at phone width', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, 'marketing1@lider.test');
    await page.goto('/marketing/abc-xyz');
    await expect(page.getByTestId('abc-matrix')).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
