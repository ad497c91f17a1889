import { expect, login, snap, test } from './helpers';

/** The sales indicators page and the cost price it needs for the profit. */
test.describe('sales indicators', () => {
  test.describe.configure({ timeout: 90_000 });

  test('the director gives a product its cost price in the catalogue', async ({ page }) => {
    await login(page, 'director@lider.test');
    await page.goto('/funnel/catalog');
    await page.getByTestId('catalog-table').getByTestId('product-edit').first().click();
    const cost = page.getByTestId('pd-cost');
    await cost.fill('12 абв');
    await cost.blur();
    await expect(page.getByText('Введите цену: например, 118 500 или 3900,50')).toBeVisible();
    await cost.fill('95 000,50');
    await page.getByTestId('pd-submit').click();
    await expect(page.getByText(/сохранён/)).toBeVisible();
    await page.getByTestId('catalog-table').getByTestId('product-edit').first().click();
    await expect(page.getByTestId('pd-cost')).toHaveValue(/95\s?000,5/);
  });

  test('the director reads the indicators by month and by week, with charts and XLSX', async ({ page }) => {
    await login(page, 'director@lider.test');
    await page.goto('/analytics/sales');
    await expect(page.getByTestId('sales-volume').getByTestId('kpi-value')).toHaveText(/₽$/);
    await expect(page.getByTestId('sales-orders')).toBeVisible();
    await expect(page.getByTestId('sales-clients')).toContainText('Новые');
    await expect(page.getByTestId('chart-sales-series').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('chart-sales-compare').locator('canvas')).toBeVisible();
    await snap(page, 'analytics-sales-01-director');
    await page.getByTestId('sales-period').click();
    await page.getByRole('option', { name: 'По неделям' }).click();
    await expect(page).toHaveURL(/period=week/);
    const download = page.waitForEvent('download');
    await page.getByTestId('sales-xlsx').click();
    expect((await download).suggestedFilename()).toMatch(/^sales-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
  });

  test('a manager opens the same page with their own figures on a phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, 'manager1@lider.test');
    await page.goto('/analytics/sales?period=year');
    await expect(page.getByText('Ваши клиенты')).toBeVisible();
    await expect(page.getByTestId('sales-volume')).toBeVisible();
    await expect(page.getByTestId('sales-products')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, 'analytics-sales-02-manager-390');
  });
});
