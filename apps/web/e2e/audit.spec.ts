import { expect, login, snap, test } from './helpers';

/**
 * The audit log in words: record names resolved by the API, «Демо-данные» instead of the
 * seed's code, no bare UUIDs anywhere, and cards on a phone.
 */
test.describe.configure({ timeout: 60_000 });

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

test('the audit log names records and says «Демо-данные», never a UUID', async ({ page }) => {
  await login(page, 'admin@lider.test');
  await page.goto('/audit-log');
  const table = page.getByTestId('audit-table');
  // The demo staff were created by the seed: the oldest entries of users.
  await page.getByTestId('audit-entity-filter').click();
  await page.getByRole('option', { name: 'Пользователь' }).click();
  await expect(page.getByTestId('audit-total')).toHaveText(/Найдено: \d+/);
  await page.locator('.el-pagination .number').last().click();
  await expect(table).toContainText('Демо-данные');
  await expect(table).not.toContainText('demo seed');
  await expect(table.getByTestId('audit-entity-title').first()).not.toHaveText('');
  await expect(table).not.toContainText(UUID);
  await snap(page, 'audit-01-names');
});

test('a new deal appears in the log under its title, with its manager by name', async ({ page, request }) => {
  // manager5 owns no deal another spec counts (the funnel spec counts manager1's board).
  const login1 = await request.post('/api/auth/login', { data: { email: 'manager5@lider.test', password: 'lider-demo' } });
  const { accessToken } = (await login1.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };
  const clients = (await (await request.get('/api/clients?pageSize=1', { headers })).json()) as { items: Array<{ id: string }> };
  const title = `Журнал ${Date.now().toString(36)}`;
  const deal = await request.post('/api/deals', { headers, data: { clientId: clients.items[0]!.id, title, amount: '1000.00' } });
  expect(deal.ok()).toBe(true);

  await login(page, 'director@lider.test');
  await page.goto('/audit-log');
  const row = page.getByTestId('audit-table').locator('tr.el-table__row').filter({ hasText: title }).first();
  await expect(row).toBeVisible();
  await expect(row).toContainText('Сделка');
  await expect(row).toContainText('Соколов Игорь Андреевич');
  await expect(row).not.toContainText(UUID);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the audit log is a list of cards without sideways scrolling', async ({ page }) => {
    await login(page, 'admin@lider.test');
    await page.goto('/audit-log');
    const cards = page.getByTestId('audit-card');
    await expect(cards.first()).toBeVisible();
    await expect(page.getByTestId('audit-table')).toHaveCount(0);
    await expect(cards.first().getByTestId('audit-entity-title')).not.toHaveText('');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, 'audit-02-phone');
  });
});
