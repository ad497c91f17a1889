import { expect, login, snap, test } from './helpers';

/** The client portfolio page: filters, pages on demand, drill-down to the client, XLSX. */
test.describe('client portfolio', () => {
  test.describe.configure({ timeout: 90_000 });

  test('the director filters the portfolio, loads more, downloads it and opens a client', async ({ page }) => {
    await login(page, 'director@lider.test');
    await page.goto('/analytics/portfolio');
    const table = page.getByTestId('portfolio-table');
    await expect(table.locator('tbody tr').first()).toBeVisible();
    const before = await table.locator('tbody tr').count();
    expect(before).toBe(50);
    await page.getByTestId('portfolio-more').click();
    await expect(table.locator('tbody tr')).toHaveCount(100);
    await page.getByTestId('portfolio-buyers').click();
    await expect(page).toHaveURL(/buyersOnly=true/);
    await snap(page, 'analytics-portfolio-01-director');
    const download = page.waitForEvent('download');
    await page.getByTestId('portfolio-xlsx').click();
    expect((await download).suggestedFilename()).toBe('portfolio.xlsx');
    const first = table.locator('tbody tr').first().getByRole('link');
    const name = (await first.textContent())!.trim();
    await first.click();
    await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
    await expect(page.getByText(name).first()).toBeVisible();
  });

  test('a manager sees only their own clients, and the page fits a phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, 'manager1@lider.test');
    await page.goto('/analytics/portfolio');
    await expect(page.getByText('Ваши клиенты')).toBeVisible();
    await expect(page.getByTestId('portfolio-table').locator('tbody tr').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, 'analytics-portfolio-02-manager-390');
  });
});
