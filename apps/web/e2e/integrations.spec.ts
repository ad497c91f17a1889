import { expect, login, snap, test } from './helpers';

test.describe('integrations', () => {
  test('the admin creates an API key, sees it once, revokes it, and a call with it is then refused', async ({ page }) => {
    await login(page, 'admin@lider.test');
    await page.getByTestId('sidebar').getByText('Интеграции').click();
    await expect(page).toHaveURL(/\/integrations/);
    await expect(page.getByRole('tab', { name: 'API-ключи' })).toBeVisible();

    await page.getByTestId('token-add').click();
    await page.getByTestId('token-name').fill('Сайт lider.ru (проверка)');
    await page.getByTestId('token-submit').click();
    const secret = (await page.getByTestId('token-secret').textContent())!.trim();
    expect(secret).toMatch(/^polar_/);
    await expect(page.getByText('он показывается один раз')).toBeVisible();
    await snap(page, 'integrations-01-token-once');
    await page.getByTestId('token-secret-close').click();

    // Shown once: after closing, the page has only its first characters.
    await expect(page.getByTestId('token-secret')).toBeHidden();
    const row = page.getByTestId('tokens-table').locator('tr', { hasText: 'Сайт lider.ru (проверка)' });
    await expect(row).toContainText('роль «Директор»');
    await expect(row.getByTestId('token-status')).toHaveText('Действует');
    expect(await page.content()).not.toContain(secret);

    // The key works for an integrator…
    expect((await page.request.get('/api/clients?pageSize=1', { headers: { 'X-API-Key': secret } })).status()).toBe(200);

    await row.getByTestId('token-revoke').click();
    await page.locator('.el-message-box').getByRole('button', { name: 'Отозвать' }).click();
    await expect(row.getByTestId('token-status')).toHaveText('Отозван');
    // …and not a moment after revocation.
    expect((await page.request.get('/api/clients?pageSize=1', { headers: { 'X-API-Key': secret } })).status()).toBe(401);
  });

  test('the admin subscribes a webhook and sees its deliveries in the log', async ({ page }) => {
    await login(page, 'admin@lider.test');
    await page.goto('/integrations/webhooks');
    await page.getByTestId('webhook-add').click();
    await page.getByTestId('webhook-name').fill('Учётная система');
    // A receiver in the office network: the API itself, allowed explicitly.
    await page.getByTestId('webhook-url').fill(new URL('/api/health', page.url()).toString());
    await page.getByTestId('webhook-event-client.created').click();
    await page.getByText('Разрешить адреса внутренней сети').click();
    await page.getByTestId('webhook-submit').click();
    const row = page.getByTestId('webhooks-table').locator('tr', { hasText: 'Учётная система' });
    await expect(row).toContainText('Клиент создан');

    // Something happens that the webhook is subscribed to.
    const login2 = await page.request.post('/api/auth/login', { data: { email: 'manager1@lider.test', password: 'lider-demo' } });
    const token = (await login2.json()).accessToken as string;
    const created = await page.request.post('/api/clients', { data: { kind: 'legal_entity', name: 'ООО «Для вебхука»' }, headers: { Authorization: `Bearer ${token}` } });
    expect(created.status()).toBe(201);

    await row.getByTestId('webhook-log').click();
    const log = page.getByTestId('deliveries-table');
    await expect(log).toContainText('Клиент создан');
    await expect(log.getByTestId('delivery-status').first()).toHaveText(/В очереди|Доставлена|Не доставлена/);
    await snap(page, 'integrations-02-deliveries');
  });

  test('the inbound channels tab keeps the managers on duty', async ({ page }) => {
    await login(page, 'admin@lider.test');
    await page.goto('/integrations/inbound');
    await expect(page.getByText('Заявки с сайта')).toBeVisible();
    await expect(page.getByText('Письма от неизвестных отправителей')).toBeVisible();
    await page.getByTestId('duty-managers').click();
    await page.locator('.el-select-dropdown__item').first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('inbound-save').click();
    await expect(page.getByText('Настройки сохранены')).toBeVisible();
    await expect(page.getByText(/Следующая заявка: /)).toBeVisible();
  });
});

test.describe('integrations on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('every tab fits 390 px (tables scroll inside themselves)', async ({ page }) => {
    await login(page, 'admin@lider.test');
    for (const tab of ['tokens', 'webhooks', 'inbound']) {
      await page.goto(`/integrations/${tab}`);
      await expect(page.getByTestId('integrations-view')).toBeVisible();
      await page.waitForLoadState('networkidle');
      const widths = await page.evaluate(() => ({
        document: document.scrollingElement?.scrollWidth ?? 0,
        content: (document.querySelector('.content') as HTMLElement | null)?.scrollWidth ?? 0,
      }));
      expect(widths.document, `${tab}: document width`).toBeLessThanOrEqual(390);
      expect(widths.content, `${tab}: content width`).toBeLessThanOrEqual(390);
    }
    await snap(page, 'integrations-03-phone');
  });
});
