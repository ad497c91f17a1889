import { expect, login, snap, test } from './helpers';

test.describe('background work', () => {
  test('the admin runs a job and finds its work done on «Фоновые задачи», in words', async ({ page }) => {
    await login(page, 'admin@lider.test');

    // Something for the queue to have done: a job run by hand goes through it.
    await page.getByTestId('sidebar').getByText('Регламентные задания').click();
    await page.locator('[data-job="payment-calls"]').getByTestId('job-run').click();
    await expect(page.getByText('Задание выполнено: Успешно')).toBeVisible();

    await page.getByTestId('sidebar').getByText('Фоновые задачи').click();
    await expect(page).toHaveURL(/\/queues$/);
    const runs = page.locator('[data-queue="jobs.run"]');
    await expect(runs.locator('h2')).toHaveText('Запуск регламентных заданий');
    await expect(page.locator('[data-queue="clients.import"] h2')).toHaveText('Импорт клиентов');
    await expect(runs).toContainText('Ошибок нет');
    await expect(runs.getByTestId('queue-done')).not.toHaveText('0');

    await runs.getByTestId('queue-show').click();
    await page.getByTestId('queue-status-done').click();
    const row = page.getByTestId('queue-items').locator('tr.el-table__row').first();
    await expect(row.getByTestId('item-attempts')).toHaveText('1 из 5');
    await expect(row).toContainText(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}/);
    await expect(page.getByTestId('items-total')).toHaveText(/Всего: [1-9]/);
    await snap(page, 'queues-01');

    await page.getByTestId('queue-status-dead').click();
    await expect(page.getByTestId('queue-items')).toContainText('Задач с ошибкой нет');
  });

  test('the director has no «Фоновые задачи» and is refused the page', async ({ page }) => {
    await login(page, 'director@lider.test');
    await expect(page.getByTestId('sidebar').getByText('Фоновые задачи')).toHaveCount(0);
    await page.goto('/queues');
    await expect(page.getByTestId('forbidden')).toContainText('Доступ запрещён');
  });
});
