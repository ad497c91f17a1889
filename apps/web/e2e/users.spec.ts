import { expect, login, logout, snap, test } from './helpers';

test.describe.configure({ mode: 'serial' });

// Unique per run, so a retried run does not collide with the user a failed one created.
const local = `e2e.${Date.now().toString(36)}`;
const email = `${local}@lider.test`;

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
    await dialog.getByLabel('E-mail').fill(email);
    await dialog.getByLabel('ФИО').fill('Тестов Тест Тестович');
    await dialog.getByLabel('Телефон').fill('89161234567');
    await dialog.getByLabel('Начальный пароль').fill('start-pass-123');
    await snap(page, '04-user-create');
    await page.getByTestId('uf-submit').click();
    await expect(dialog).toBeHidden();

    await page.getByLabel('Поиск пользователей').fill(local);
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
    await dialog.getByLabel('E-mail').fill(email);
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

    // «История» filters the log down to that record's history, named, never by its UUID
    await audit.getByTestId('audit-entity-link').first().click();
    await expect(page.getByTestId('audit-entity-filter-chip')).toHaveText('История: Тестов Тест Тестович');
    await expect(page.getByTestId('audit-total')).toHaveText('Найдено: 2');
    await expect(audit).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  test('the admin manages the account: stale edit, role, managers, password, deactivation', async ({ page }) => {
    await login(page, 'admin@lider.test');
    await page.goto('/users');
    await page.getByLabel('Поиск пользователей').fill(local);
    const table = page.getByTestId('users-table');
    await expect(page.getByTestId('users-total')).toHaveText('Всего: 1');
    const dialog = page.getByTestId('user-form-dialog');

    // someone else saves the record while the dialog is open → 409
    await page.getByTestId('user-actions').first().click();
    await page.getByRole('menuitem', { name: 'Редактировать' }).click();
    await expect(dialog).toBeVisible();
    const status = await page.evaluate(async (q) => {
      const { accessToken } = JSON.parse(localStorage.getItem('polar.session') ?? '{}');
      const headers = { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' };
      const list = await (await fetch(`/api/users?q=${q}`, { headers })).json();
      const user = list.items[0];
      const res = await fetch(`/api/users/${user.id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ version: user.version, position: 'Изменено в другой вкладке' }),
      });
      return res.status;
    }, local);
    expect(status).toBe(200);
    await dialog.getByLabel('Должность').fill('Моя правка');
    await page.getByTestId('uf-submit').click();
    await expect(page.getByText('Запись изменена другим пользователем, обновите страницу')).toBeVisible();
    await dialog.getByRole('button', { name: 'Отмена' }).click();

    // change the role to sales assistant, then assign a manager
    await page.getByTestId('user-actions').first().click();
    await page.getByRole('menuitem', { name: 'Изменить роль' }).click();
    await page.getByTestId('role-select').click();
    await page.getByRole('option', { name: 'Помощник менеджера' }).click();
    await page.getByTestId('role-submit').click();
    await expect(table).toContainText('Помощник менеджера');
    await expect(table).toContainText('Менеджеров: 0');

    await page.getByTestId('user-actions').first().click();
    await page.getByRole('menuitem', { name: 'Назначить менеджеров' }).click();
    const managers = page.getByTestId('managers-dialog');
    await expect(managers.getByLabel('Менеджеры по продажам')).toBeAttached();
    await page.getByTestId('managers-select').click();
    await page.getByRole('option').first().click();
    await page.keyboard.press('Escape'); // close the drop-down
    await snap(page, '10-assign-managers');
    await page.getByTestId('managers-submit').click();
    await expect(managers).toBeHidden();
    await expect(table).toContainText('Менеджеров: 1');

    // reset the password, then sign in with it
    await page.getByTestId('user-actions').first().click();
    await page.getByRole('menuitem', { name: 'Сбросить пароль' }).click();
    await page.getByTestId('password-dialog').getByLabel('Новый временный пароль').fill('temporary-pass-1');
    await page.getByTestId('password-submit').click();
    await expect(page.getByText('Пароль изменён. Передайте новый пароль сотруднику.')).toBeVisible();

    // deactivate and activate again
    await page.getByTestId('user-actions').first().click();
    await page.getByRole('menuitem', { name: 'Отключить' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Отключить' }).click();
    await expect(table).toContainText('Отключён');
    await page.getByTestId('user-actions').first().click();
    await page.getByRole('menuitem', { name: 'Включить' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Включить' }).click();
    await expect(table).toContainText('Активен');

    await logout(page);
    await login(page, email, 'temporary-pass-1');
    await expect(page.getByTestId('current-user-role')).toHaveText('Помощник менеджера');
  });

  test('a user changes their own password', async ({ page }) => {
    await login(page, email, 'temporary-pass-1');
    await page.goto('/profile');
    await page.getByLabel('Текущий пароль').fill('wrong-current');
    await page.getByLabel('Новый пароль', { exact: true }).fill('my-own-pass-1');
    await page.getByLabel('Повторите новый пароль').fill('my-own-pass-1');
    await page.getByTestId('pp-submit').click();
    await expect(page.getByText('Текущий пароль указан неверно')).toBeVisible();

    await page.getByLabel('Текущий пароль').fill('temporary-pass-1');
    await page.getByTestId('pp-submit').click();
    await expect(page.getByText('Пароль изменён', { exact: true })).toBeVisible();

    await logout(page);
    await login(page, email, 'my-own-pass-1');
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
