import { DEMO_PASSWORD, expect, expectNoSidewaysScroll, login, snap, test } from './helpers';

/**
 * Issue 10, a layout that works on a phone: the users list and the queue items are
 * cards at 390 px like the other lists, and an edit on the users list shows in place
 * (the list is not read again).
 */
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });
test.describe.configure({ timeout: 120_000 });

const run = Date.now().toString(36).slice(-6);

test('at 390 px the users list is cards, and an edit updates its card without reading the list again', async ({ page, request }) => {
  // A throwaway colleague to edit (created through the API by the admin).
  const auth = await request.post('/api/auth/login', { data: { email: 'admin@lider.test', password: DEMO_PASSWORD } });
  const headers = { Authorization: `Bearer ${((await auth.json()) as { accessToken: string }).accessToken}` };
  const email = `phone.${run}@lider.test`;
  const created = await request.post('/api/users', {
    headers,
    data: { email, fullName: `Телефонов Пётр ${run}`, role: 'legal', password: 'start-pass-123' },
  });
  expect(created.ok()).toBe(true);

  await login(page, 'admin@lider.test');
  await page.goto('/users');
  await expect(page.getByTestId('users-cards')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('users-table')).toHaveCount(0);
  await expect(page.getByTestId('user-card').first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  await snap(page, 'phone-lists-01-users');

  await page.getByLabel('Поиск пользователей').fill(email);
  await expect(page.getByTestId('users-total')).toHaveText('Всего: 1');
  const card = page.getByTestId('user-card');
  await expect(card).toContainText(`Телефонов Пётр ${run}`);
  await expect(card).toContainText('Юрист');

  const listReads: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'GET' && /\/api\/users(\?|$)/.test(r.url()) && !r.url().includes('isActive=true')) listReads.push(r.url());
  });
  await card.getByTestId('user-actions').click();
  await page.getByRole('menuitem', { name: 'Редактировать' }).click();
  const dialog = page.getByTestId('user-form-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Должность').fill('Инженер на выезде');
  await page.getByTestId('uf-submit').click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText('Инженер на выезде');
  await page.waitForTimeout(500);
  expect(listReads, 'the users list is not read again after an edit').toEqual([]);
  await expectNoSidewaysScroll(page);
  await snap(page, 'phone-lists-02-user-edited');
});

test('at 390 px the queue items are cards with their attempts and «Повторить» where it applies', async ({ page }) => {
  await login(page, 'admin@lider.test');
  // Something for the queue to have done: a job run by hand goes through it.
  await page.goto('/jobs');
  await page.locator('[data-job="payment-calls"]').getByTestId('job-run').click();
  await expect(page.getByText('Задание выполнено: Успешно')).toBeVisible({ timeout: 30_000 });

  await page.goto('/queues');
  const runs = page.locator('[data-queue="jobs.run"]');
  await expect(runs.locator('h2')).toHaveText('Запуск регламентных заданий', { timeout: 30_000 });
  await runs.getByTestId('queue-show').click();
  await page.getByTestId('queue-status-done').click();
  await expect(page.getByTestId('queue-item-cards')).toBeVisible();
  await expect(page.getByTestId('queue-items')).toHaveCount(0);
  const item = page.getByTestId('queue-item-card').first();
  await expect(item.getByTestId('item-attempts')).toHaveText('1 из 5');
  await expect(item).toContainText(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}/);
  await expect(item.getByTestId('item-retry')).toHaveCount(0);
  await expectNoSidewaysScroll(page);
  await snap(page, 'phone-lists-03-queue-items');

  await page.getByTestId('queue-status-dead').click();
  await expect(page.getByTestId('queue-item-cards')).toContainText('Задач с ошибкой нет');
  await expectNoSidewaysScroll(page);
});
