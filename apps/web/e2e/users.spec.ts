import { expect, test } from '@playwright/test';
import { login, snap } from './helpers';

test.describe.configure({ mode: 'serial' });

test.describe('users administration', () => {
  test('the director sees the demo staff, and search and filters work', async ({ page }) => {
    await login(page, 'director@lider.test');
    await page.getByTestId('sidebar').getByText('Пользователи').click();
    await expect(page).toHaveURL(/\/users$/);

    const table = page.getByTestId('users-table');
    await expect(table).toContainText('manager1@lider.test');
    await expect(table).toContainText('Менеджер по продажам');
    await expect(page.getByTestId('users-total')).toContainText(/Всего: \d+/);
    await snap(page, '03-users');

    await page.getByLabel('Поиск пользователей').fill('assistant');
    await expect(table).toContainText('assistant1@lider.test');
    await expect(table).not.toContainText('manager1@lider.test');
    await expect(page.getByTestId('users-total')).toHaveText('Всего: 2');

    await page.getByLabel('Поиск пользователей').fill('');
    await expect(table).toContainText('manager1@lider.test');

    await page.getByTestId('users-role-filter').click();
    await page.getByRole('option', { name: 'Сервисный инженер' }).click();
    await expect(page.getByTestId('users-total')).toHaveText('Всего: 7');
    await expect(table).toContainText('service1@lider.test');
    await expect(table).not.toContainText('manager1@lider.test');
  });

  test('the admin creates a user, edits it and sees it in the audit log', async ({ page }) => {
    await login(page, 'admin@lider.test');
    await page.goto('/users');
    await page.getByTestId('user-create').click();

    const dialog = page.getByTestId('user-form-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('E-mail').fill('e2e.new@lider.test');
    await dialog.getByLabel('ФИО').fill('Тестов Тест Тестович');
    await dialog.getByLabel('Телефон').fill('89161234567');
    await dialog.getByLabel('Начальный пароль').fill('start-pass-123');
    await snap(page, '04-user-create');
    await page.getByTestId('uf-submit').click();
    await expect(dialog).toBeHidden();

    await page.getByLabel('Поиск пользователей').fill('e2e.new');
    const table = page.getByTestId('users-table');
    await expect(table).toContainText('Тестов Тест Тестович');
    await expect(table).toContainText('+7 (916) 123-45-67');

    // edit the position
    await page.getByTestId('user-actions').first().click();
    await page.getByRole('menuitem', { name: 'Редактировать' }).click();
    await dialog.getByLabel('Должность').fill('Инженер-стажёр');
    await page.getByTestId('uf-submit').click();
    await expect(dialog).toBeHidden();
    await expect(table).toContainText('Инженер-стажёр');

    // a duplicate e-mail is shown at the field
    await page.getByTestId('user-create').click();
    await dialog.getByLabel('E-mail').fill('e2e.new@lider.test');
    await dialog.getByLabel('ФИО').fill('Дубль Дублевич');
    await dialog.getByLabel('Начальный пароль').fill('start-pass-123');
    await page.getByTestId('uf-submit').click();
    await expect(dialog.getByText('Этот e-mail уже используется')).toBeVisible();
    await dialog.getByRole('button', { name: 'Отмена' }).click();

    await page.getByTestId('sidebar').getByText('Журнал изменений').click();
    await expect(page).toHaveURL(/\/audit-log$/);
    const audit = page.getByTestId('audit-table');
    await expect(audit).toContainText('Тестов Тест Тестович');
    await expect(audit).toContainText('Создание');
    await expect(audit).toContainText('Изменение');
    await expect(audit).toContainText('Инженер-стажёр');
    await snap(page, '05-audit-log');

    // the entity id filters the log down to that record's history
    await audit.getByTestId('audit-entity-link').first().click();
    await expect(page.getByTestId('audit-entity-id')).toHaveValue(/^[0-9a-f-]{36}$/);
    await expect(page.getByTestId('audit-total')).toHaveText('Всего: 2');
  });

  test('profile shows own data and checks the password repeat', async ({ page }) => {
    await login(page, 'head@lider.test');
    await page.getByTestId('current-user').click();
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByTestId('profile-data')).toContainText('head@lider.test');
    await page.getByLabel('Текущий пароль').fill('lider-demo');
    await page.getByLabel('Новый пароль', { exact: true }).fill('new-password-1');
    await page.getByLabel('Повторите новый пароль').fill('new-password-2');
    await page.getByTestId('pp-submit').click();
    await expect(page.getByText('Пароли не совпадают')).toBeVisible();
    await snap(page, '09-profile');
  });
});
