import { expect, login, snap, test } from './helpers';

test('the language switch changes the interface and survives a reload', async ({ page }) => {
  await login(page, 'director@lider.test');
  await expect(page.getByTestId('sidebar').getByText('Клиенты')).toBeVisible();

  await page.getByTestId('locale-switch').getByText('EN', { exact: true }).click();
  await expect(page.getByTestId('sidebar').getByText('Clients')).toBeVisible();
  await expect(page.getByTestId('current-user-role')).toHaveText('Director');
  await expect(page.getByTestId('logout')).toHaveText('Sign out');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.reload();
  await expect(page.getByTestId('sidebar').getByText('Clients')).toBeVisible();
  await expect(page.getByTestId('sidebar').getByText('Users')).toBeVisible();

  await page.goto('/users');
  await expect(page.getByRole('columnheader', { name: 'Full name' })).toBeVisible();
  await snap(page, '08-users-en');

  await page.getByTestId('locale-switch').getByText('RU', { exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'ФИО' })).toBeVisible();
});
