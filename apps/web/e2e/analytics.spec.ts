import { expect, login, snap, test } from './helpers';

test.describe('analytics on the home page', () => {
  test('the director’s home page shows the revenue tile, revenue against plan and the charts', async ({ page }) => {
    await login(page, 'director@lider.test');
    const revenue = page.getByTestId('kpi-revenue-month');
    await expect(revenue).toBeVisible();
    // Russian money format: groups by a (narrow) no-break space, comma, rouble sign.
    await expect(revenue.getByTestId('kpi-value')).toHaveText(/^\d{1,3}([\s\u00a0\u202f]\d{3})*,\d{2}[\s\u00a0]₽$/);
    await expect(page.getByTestId('kpi-revenue-today')).toBeVisible();
    await expect(page.getByTestId('dashboard-scope')).toHaveText('Вся компания');
    await expect(page.getByTestId('revenue-vs-plan')).toContainText('План');
    // ECharts is loaded lazily and draws on a canvas.
    await expect(page.getByTestId('chart-stages').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('chart-expected').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('contacts')).toContainText('Просрочено');
    await expect(page.getByTestId('complaints')).toContainText('Проблемные обращения');
    await expect(page.getByTestId('installations-at-risk')).not.toContainText('Нет доступа');
    // the module tiles stay below the day
    await expect(page.getByTestId('tile-clients')).toBeVisible();
    await snap(page, 'analytics-home-director');
    // Today every section is as of the day; on a past day the sections without history say they show the present.
    await expect(page.getByTestId('now-note')).toHaveCount(0);
    const day = page.getByLabel('Дата', { exact: true });
    await day.fill('01.03.2026');
    await day.press('Enter');
    await expect(page.getByTestId('stages').getByTestId('now-note')).toHaveText('на текущий момент');
    await expect(page.getByTestId('complaints').getByTestId('now-note')).toBeVisible();
    await expect(page.getByTestId('overdue-invoices').getByTestId('now-note')).toHaveCount(0);
  });

  test('a manager sees the same page with their own figures, and it fits a phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, 'manager1@lider.test');
    await expect(page.getByTestId('dashboard-scope')).toHaveText('Ваши клиенты');
    await expect(page.getByTestId('kpi-revenue-today')).toBeVisible();
    await expect(page.getByTestId('chart-stages').locator('canvas')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, 'analytics-home-manager-390');
  });

  test('the director opens the monthly managers report with its chart and downloads it as XLSX', async ({ page }) => {
    await login(page, 'director@lider.test');
    await page.goto('/analytics/managers');
    const table = page.getByTestId('managers-table');
    await expect(table).toContainText('Итого');
    await expect(table).toContainText('Смирнов');
    await expect(page.getByTestId('chart-managers').locator('canvas')).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByTestId('managers-xlsx').click();
    expect((await download).suggestedFilename()).toMatch(/^managers-\d{4}-\d{2}\.xlsx$/);
    await snap(page, 'analytics-managers');
  });
});
