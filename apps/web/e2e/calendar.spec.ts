import { expect, login, snap, test } from './helpers';

test.describe.configure({ mode: 'serial' });

test.describe('production calendar', () => {
  test('the admin sees 2027 as provisional and makes Saturday 13 November a working day', async ({ page }) => {
    await login(page, 'admin@lider.test');
    await page.getByTestId('sidebar').getByText('Производственный календарь').click();
    await expect(page).toHaveURL(/\/calendar$/);

    await page.getByTestId('calendar-year').click();
    await page.getByRole('option', { name: /2027/ }).click();
    await expect(page.getByTestId('calendar-provisional')).toContainText('Календарь на 2027 год предварительный');
    await expect(page.getByTestId('calendar-working-days')).toHaveText('Рабочих дней в году: 247');

    const day = page.getByTestId('day-2027-11-13');
    await expect(day).toHaveAttribute('data-kind', 'day_off');
    await day.click();
    const dialog = page.getByTestId('calendar-day-dialog');
    await expect(dialog).toContainText('По производственному календарю: Выходной');
    await dialog.getByTestId('kind-working').click();
    await dialog.getByTestId('calendar-day-reason').fill('Постановление о переносе выходных дней в 2027 году');
    await dialog.getByTestId('calendar-day-save').click();
    await expect(dialog).toBeHidden();

    await expect(day).toHaveAttribute('data-kind', 'working');
    await expect(day).toHaveClass(/overridden/);
    await expect(page.getByTestId('calendar-working-days')).toHaveText('Рабочих дней в году: 248');
    await snap(page, '40-calendar-2027');

    // Back as the calendar says, so the run leaves the shipped data as it found it.
    await day.click();
    await dialog.getByTestId('calendar-day-reset').click();
    await expect(day).toHaveAttribute('data-kind', 'day_off');
    await expect(page.getByTestId('calendar-working-days')).toHaveText('Рабочих дней в году: 247');
  });

  test('a manager sees the calendar but cannot change it (no menu entry)', async ({ page }) => {
    await login(page, 'manager1@lider.test');
    await expect(page.getByTestId('sidebar').getByText('Производственный календарь')).toHaveCount(0);
  });

  test('works at phone width', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, 'admin@lider.test');
    await page.goto('/calendar');
    await expect(page.getByTestId('month-1')).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
