import type { Page } from '@playwright/test';
import { expect, login, snap, test } from './helpers';

/**
 * The funnel report and competitors: the director adds a competitor, a manager loses a
 * deal to it from the funnel board, and both read it in the funnel report. manager9 is
 * used by no other spec, so its deals are untouched.
 */

async function loseFirstPresentationDeal(page: Page, competitor: string): Promise<void> {
  await page.goto('/funnel');
  const column = page.locator('[data-test="funnel-column"][data-stage-code="presentation"]');
  const card = column.getByTestId('deal-card').first();
  await expect(card).toBeVisible({ timeout: 30_000 });
  await card.getByTestId('deal-card-menu').click();
  await page.locator('[data-test="move-to-lost"]:visible').click();
  const dialog = page.getByTestId('loss-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('loss-reason').click();
  await page.getByRole('option', { name: 'Высокая цена' }).click();
  await dialog.getByTestId('loss-competitor').click();
  await page.getByRole('option', { name: competitor }).click();
  await dialog.getByLabel('Комментарий').fill('Конкурент дал рассрочку');
  await snap(page, 'analytics-funnel-01-loss-competitor');
  await dialog.getByTestId('loss-submit').click();
  await expect(dialog).toBeHidden();
}

test.describe('funnel report and competitors', () => {
  test.describe.configure({ timeout: 90_000 });
  const competitor = 'ООО «Холод-Юг»';

  test('the director keeps the competitor list', async ({ page }) => {
    await login(page, 'director@lider.test');
    await page.goto('/analytics/competitors');
    await page.getByTestId('competitor-new').click();
    const card = page.getByTestId('competitor-card');
    await card.getByTestId('competitor-save').click();
    await expect(card.getByText('Укажите название')).toBeVisible();
    await card.getByTestId('competitor-name').fill(competitor);
    await card.getByTestId('competitor-prices').fill('Витрины на 8 % дешевле нашего прайса');
    await card.getByTestId('competitor-specialConditions').fill('Рассрочка на 6 месяцев');
    await card.getByTestId('competitor-save').click();
    await expect(card.getByText('Рассрочка на 6 месяцев')).toBeVisible();
    await expect(card.getByTestId('competitor-losses')).toContainText('0');
    await snap(page, 'analytics-funnel-02-competitor-card');
  });

  test('a manager reads the competitor list but cannot add to it', async ({ page }) => {
    await login(page, 'manager9@lider.test');
    await page.goto('/analytics/competitors');
    await expect(page.getByTestId('competitors-table')).toContainText(competitor);
    await expect(page.getByTestId('competitor-new')).toHaveCount(0);
  });

  test('a manager loses a deal to the competitor and sees it in their funnel report, on a phone too', async ({ page }) => {
    await login(page, 'manager9@lider.test');
    await loseFirstPresentationDeal(page, competitor);

    await page.goto('/analytics/funnel');
    await expect(page.getByTestId('funnel-stages')).toContainText('Демонстрация / Презентация');
    await expect(page.getByTestId('chart-funnel').locator('canvas')).toBeVisible();
    const lost = page.getByTestId('funnel-competitors');
    await expect(lost).toContainText(competitor);
    await expect(page.getByTestId('funnel-reasons')).toContainText('Высокая цена');
    await snap(page, 'analytics-funnel-03-report-manager');

    const download = page.waitForEvent('download');
    await page.getByTestId('funnel-xlsx').click();
    expect((await download).suggestedFilename()).toMatch(/^funnel-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);

    // drill-down: the competitor's card with the deal lost to them
    await lost.getByRole('link', { name: competitor }).click();
    await expect(page.getByTestId('competitor-card').getByTestId('competitor-losses')).toContainText('1');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/analytics/funnel');
    await expect(page.getByTestId('funnel-stages')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, 'analytics-funnel-04-report-390');
  });

  test('the director filters the funnel report by manager', async ({ page }) => {
    await login(page, 'director@lider.test');
    await page.goto('/analytics/funnel');
    await expect(page.getByTestId('funnel-stages')).toContainText('Демонстрация / Презентация');
    await expect(page.getByTestId('funnel-competitors')).toContainText(competitor);
    await page.getByTestId('funnel-manager').click();
    await page.getByRole('option').first().click();
    await expect(page).toHaveURL(/managerId=/);
    await expect(page.getByTestId('funnel-tiles')).toBeVisible();
  });
});
