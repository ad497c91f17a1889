import { expect, login, logout, snap, test } from './helpers';

test.describe('signing in and out', () => {
  test('the login page is labelled and usable with the keyboard', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { name: 'Вход в систему' })).toBeVisible();
    await snap(page, '01-login');

    await page.getByLabel('E-mail').focus();
    await page.keyboard.type('director@lider.test');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Пароль', { exact: true })).toBeFocused();
    await page.keyboard.type('lider-demo');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('current-user-name')).toBeVisible();
  });

  test('a wrong password shows an error and opens no session', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('E-mail').fill('director@lider.test');
    await page.getByLabel('Пароль', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Войти' }).click();

    await expect(page.getByRole('alert').filter({ hasText: 'Неверный e-mail или пароль' })).toBeVisible();
    await snap(page, '02-login-error');
    await expect(page).toHaveURL(/\/login/);
    expect(await page.evaluate(() => localStorage.getItem('polar.session'))).toBeNull();

    await page.goto('/users');
    await expect(page).toHaveURL(/\/login\?redirect=/);
  });

  test('the session survives a reload and logout returns to the login page', async ({ page }) => {
    await login(page, 'director@lider.test');
    await expect(page.getByTestId('current-user-role')).toHaveText('Директор');

    await page.goto('/users');
    await expect(page.getByTestId('users-table')).toBeVisible();
    await page.reload();
    await expect(page).toHaveURL(/\/users$/);
    await expect(page.getByTestId('current-user-role')).toHaveText('Директор');
    await expect(page.getByTestId('users-table')).toContainText('manager1@lider.test');

    await logout(page);
    expect(await page.evaluate(() => localStorage.getItem('polar.session'))).toBeNull();
    await page.goto('/users');
    await expect(page).toHaveURL(/\/login\?redirect=%2Fusers|\/login\?redirect=\/users/);
  });

  test('after login the user lands on the page asked for', async ({ page }) => {
    await page.goto('/audit-log');
    await expect(page).toHaveURL(/\/login\?redirect=/);
    await page.getByLabel('E-mail').fill('director@lider.test');
    await page.getByLabel('Пароль', { exact: true }).fill('lider-demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page).toHaveURL(/\/audit-log$/);
    await expect(page.getByRole('heading', { name: 'Журнал изменений' })).toBeVisible();
  });
});
