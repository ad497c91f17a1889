import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, login, snap, test } from './helpers';

// Several screens per test on a machine that may be busy.
test.describe.configure({ timeout: 60_000 });

const MANAGER1 = 'Смирнов Алексей Петрович';
/** Unique per run, so a retried run does not collide with what a failed one created. */
const run = Date.now().toString(36).slice(-6);

/** A random 10-digit INN with correct check digits (no collision with demo data or earlier runs). */
function validInn10(): string {
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const digits = [7, 7, ...Array.from({ length: 7 }, () => Math.floor(Math.random() * 10))];
  const check = (weights.reduce((sum, w, i) => sum + w * digits[i]!, 0) % 11) % 10;
  return [...digits, check].join('');
}

async function apiLogin(request: APIRequestContext, email: string): Promise<Record<string, string>> {
  const response = await request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(response.ok()).toBe(true);
  const { accessToken } = (await response.json()) as { accessToken: string };
  return { Authorization: `Bearer ${accessToken}` };
}

/** Opens a tab of the client card and waits for its underline to settle (for screenshots). */
async function openTab(page: Page, name: string | RegExp): Promise<void> {
  const tab = page.getByRole('tab', { name });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await page.waitForTimeout(350);
}

/** Waits for the toasts to go away, so screenshots show the screen itself. */
async function quiet(page: Page): Promise<void> {
  await expect(page.locator('.el-message')).toHaveCount(0, { timeout: 8_000 });
}

async function openClients(page: Page): Promise<void> {
  await page.getByTestId('sidebar').getByText('Клиенты').click();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByTestId('clients-table').locator('tr.client-row').first()).toBeVisible();
}

test.describe('clients', () => {
  test('a manager sees only own clients, searches, opens a card and adds a note', async ({ page, request }) => {
    // The demo base gives manager1 no client with «холодильн…» in its name: one is added
    // first (as manager1, through the API) so the word-form search has something to find.
    const headers = await apiLogin(request, 'manager1@lider.test');
    const created = await request.post('/api/clients', {
      headers,
      data: { kind: 'legal_entity', name: `ООО «Холодильные системы ${run}»`, city: 'Москва', status: 'thinking' },
    });
    expect(created.status()).toBe(201);

    await login(page, 'manager1@lider.test');
    await openClients(page);
    const table = page.getByTestId('clients-table');
    await expect(page.getByTestId('clients-total')).toHaveText(/Найдено: \d+/);
    await expect(page.getByTestId('filter-manager')).toHaveCount(0); // a manager has nobody else to choose
    const managers = await table.getByTestId('client-manager').allInnerTexts();
    expect(managers.length).toBeGreaterThan(5);
    for (const name of managers) expect(name).toBe(MANAGER1);
    await snap(page, '20-clients-list');

    // search as you type: a word form of «холодильные»
    await page.getByLabel('Поиск клиентов').fill('холодильн');
    await expect(page).toHaveURL(/q=%D1%85%D0%BE%D0%BB%D0%BE%D0%B4%D0%B8%D0%BB%D1%8C%D0%BD/);
    await expect(table.getByTestId('client-link').first()).toContainText(/Холодильн/);
    for (const name of await table.getByTestId('client-manager').allInnerTexts()) expect(name).toBe(MANAGER1);

    // Enter on a focused row opens the card
    await table.locator('tr.client-row').first().focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('client-name')).toContainText(`Холодильные системы ${run}`);

    await page.getByRole('tab', { name: 'История' }).click();
    const note = `Клиент просит перезвонить после 15:00 (${run})`;
    await page.getByLabel('Новая заметка').fill(note);
    await page.getByTestId('note-submit').click();
    const events = page.getByTestId('timeline-event');
    await expect(events.first()).toContainText(note);
    await expect(events.first()).toContainText('Заметка');
    await expect(events.first()).toContainText(MANAGER1);
    await expect(events.first().locator('time')).toHaveText(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    await expect(page.getByTestId('timeline-tab')).toContainText('Клиент создан');

    // back keeps the search
    await page.getByTestId('client-back').click();
    await expect(page).toHaveURL(/\/clients\?q=/);
    await expect(page.getByLabel('Поиск клиентов')).toHaveValue('холодильн');

    // a key client's card, tab by tab
    await page.getByLabel('Поиск клиентов').fill('Восточный мясокомбинат');
    await expect(table.getByTestId('client-link')).toHaveText([/Восточный мясокомбинат/]);
    await table.getByTestId('client-link').click();
    await expect(page.getByTestId('client-details')).toContainText('Реквизиты');
    await expect(page.getByTestId('client-revenue')).toHaveText(/^\d{1,3}(\u00a0\d{3})*,\d{2}\u00a0₽$/);
    await quiet(page);
    await snap(page, '21-client-card-details');
    await openTab(page, /Контакты/);
    await expect(page.getByTestId('contacts-table').locator('tbody tr').first()).toBeVisible();
    await snap(page, '22-client-card-contacts');
    await openTab(page, 'Досье');
    await expect(page.getByTestId('dossier-updated')).toContainText('Изменено');
    await snap(page, '23-client-card-dossier');
    await openTab(page, 'История');
    await expect(page.getByTestId('timeline-event').first()).toBeVisible();
    await snap(page, '24-client-card-history');
  });

  test('a manager creates a client: INN check, card, then a duplicate warning', async ({ page }) => {
    const inn = validInn10();
    const name = `ООО «Северный холод ${run}»`;
    await login(page, 'manager1@lider.test');
    await openClients(page);
    await page.getByTestId('client-create').click();
    const dialog = page.getByTestId('client-form-dialog');
    await expect(dialog).toBeVisible();

    await dialog.getByLabel('Наименование').fill(name);
    const wrongInn = `${inn.slice(0, 9)}${(Number(inn[9]) + 1) % 10}`;
    await dialog.getByLabel('ИНН').fill(wrongInn);
    await dialog.getByLabel('Телефоны').fill('89161234567');
    await dialog.getByLabel('Годовая выручка, ₽').fill('12 500 000,5');
    await dialog.getByLabel('Город').fill('Мытищи');
    await expect(dialog.getByText('Некорректный ИНН: не сходится контрольная сумма')).toBeVisible();
    await expect(dialog.getByLabel('Телефоны')).toHaveValue('+7 (916) 123-45-67'); // formatted on blur
    await snap(page, '25-client-form-invalid-inn');
    await page.getByTestId('cf-submit').click();
    await expect(dialog).toBeVisible(); // nothing sent while the INN is wrong

    await dialog.getByLabel('ИНН').fill(inn);
    await page.getByTestId('cf-submit').click();
    await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
    const firstId = page.url().split('/').pop()!;
    await expect(page.getByTestId('client-name')).toHaveText(name);
    await expect(page.getByTestId('client-manager')).toHaveText(MANAGER1);
    await expect(page.getByTestId('client-revenue')).toHaveText('12\u00a0500\u00a0000,50\u00a0₽');
    await expect(page.getByTestId('client-details')).toContainText('+7 (916) 123-45-67');

    // the same INN again: a duplicate warning linking to the first client
    await openClients(page);
    await page.getByTestId('client-create').click();
    await dialog.getByLabel('Наименование').fill(`ООО «Другое имя ${run}»`);
    await dialog.getByLabel('ИНН').fill(inn);
    await page.getByTestId('cf-submit').click();
    const warning = dialog.getByTestId('duplicate-warning');
    await expect(warning).toContainText('Похоже, такой клиент уже есть');
    await expect(warning.getByTestId('duplicate-link')).toHaveAttribute('href', `/clients/${firstId}`);
    await expect(warning.getByTestId('duplicate-link')).toContainText(name);
    await expect(warning).toContainText('совпадает: ИНН');
    // a sales manager may not create a possible duplicate
    await expect(warning.getByTestId('duplicate-confirm')).toHaveCount(0);
    await quiet(page);
    await snap(page, '26-client-duplicate');
  });

  test('the director filters by status and city, the address keeps them, and exports XLSX', async ({ page }) => {
    await login(page, 'director@lider.test');
    await openClients(page);
    const table = page.getByTestId('clients-table');

    await page.getByTestId('filter-status').click();
    await page.getByRole('option', { name: 'Активный' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('filter-city').click();
    await page.keyboard.type('Москва');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/status=active/);
    await expect(page).toHaveURL(/city=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0/);
    await expect(page.getByTestId('active-filters')).toContainText('Статус: Активный · Город: Москва');

    const check = async () => {
      await expect(table.locator('tr.client-row').first()).toBeVisible();
      const rows = table.locator('tr.client-row');
      const count = await rows.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        await expect(rows.nth(i).locator('[data-status]')).toHaveAttribute('data-status', 'active');
        await expect(rows.nth(i).locator('td').nth(4)).toHaveText('Москва');
      }
    };
    await check();
    const total = await page.getByTestId('clients-total').innerText();
    await snap(page, '27-clients-filtered');

    await page.reload();
    await expect(page.getByTestId('active-filters')).toContainText('Статус: Активный · Город: Москва');
    await expect(page.getByTestId('clients-total')).toHaveText(total);
    await check();

    await page.getByTestId('clients-export').click();
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^clients-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const path = await download.path();
    expect(path).toBeTruthy();
    await expect(page.getByText(/Файл clients-.*\.xlsx выгружен/)).toBeVisible();
  });

  test('the sales head imports a CSV: dry-run report, confirmation, progress, result', async ({ page }) => {
    const names = ['Альфа', 'Бета', 'Гамма'].map((n) => `ООО «Импорт ${n} ${run}»`);
    const inns = new Set<string>();
    while (inns.size < 3) inns.add(validInn10());
    const rows = [...inns].map((inn, i) => [names[i], inn, 'Москва', ['Активный', 'Холодный', 'Думает'][i], 'комментарий']);
    const csv = `\ufeff${[['Наименование', 'ИНН', 'Город', 'Статус', 'Примечание'], ...rows].map((r) => r.join(';')).join('\r\n')}\r\n`;

    await login(page, 'head@lider.test');
    await openClients(page);
    await page.getByTestId('clients-import').click();
    await expect(page).toHaveURL(/\/clients\/import$/);
    await page.getByTestId('import-file').setInputFiles({ name: `clients-${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await expect(page.getByTestId('import-file-name')).toContainText(`clients-${run}.csv`);
    await page.getByTestId('import-check').click();

    const report = page.getByTestId('import-report');
    await expect(report).toBeVisible();
    await expect(page.getByTestId('import-recognised')).toContainText('Наименование');
    await expect(page.getByTestId('import-recognised')).toContainText('ИНН');
    await expect(report).toContainText('Примечание'); // ignored column
    await expect(page.getByTestId('import-valid-rows')).toHaveText('3');
    await snap(page, '28-import-report');

    await page.getByTestId('import-next').click();
    await expect(page.getByTestId('import-step-confirm')).toContainText('Будет создано клиентов: 3');
    await page.getByTestId('import-start').click();
    await expect(page.getByTestId('import-result')).toContainText('Импорт завершён', { timeout: 20_000 });
    await expect(page.getByTestId('import-created')).toHaveText('Создано клиентов: 3');
    await snap(page, '29-import-result');

    await page.getByTestId('import-to-list').click();
    await expect(page).toHaveURL(/\/clients$/);
    await page.getByLabel('Поиск клиентов').fill(`Импорт Бета ${run}`);
    await expect(page.getByTestId('clients-table').getByTestId('client-link')).toHaveText([names[1]!]);
  });

  test('the import report shows row errors and the failure reason in Russian, from the API codes', async ({ page }) => {
    // Dry runs only: nothing is written.
    const csv = `\ufeffНаименование;Отрасль;Менеджер\r\nООО «Проверка кодов ${run}»;Нет такой отрасли ${run};nobody-${run}@lider.test\r\n`;
    await login(page, 'head@lider.test');
    await page.goto('/clients/import');
    await page.getByTestId('import-file').setInputFiles({ name: `codes-${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('import-check').click();
    const errors = page.getByTestId('import-errors');
    await expect(errors).toContainText(`«Нет такой отрасли ${run}» нет в справочнике`);
    await expect(errors).toContainText(`«nobody-${run}@lider.test» — не активный менеджер по продажам`);
    await expect(errors).not.toContainText('is not');
    await expect(page.getByTestId('import-next')).toBeDisabled();

    await page.getByRole('button', { name: 'Выбрать другой файл' }).click();
    await page.getByTestId('import-file').setInputFiles({ name: `no-name-${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from('ИНН;Город\r\n7707083893;Клин\r\n', 'utf8') });
    await page.getByTestId('import-check').click();
    await expect(page.getByTestId('import-report')).toContainText('В файле нет колонки «Наименование».');
  });

  test('the sales head works on a card: status, contact, dossier, reassignment, archive', async ({ page, request }) => {
    const headers = await apiLogin(request, 'head@lider.test');
    const response = await request.post('/api/clients', {
      headers,
      data: { kind: 'legal_entity', name: `ООО «Карточка ${run}»`, city: 'Химки', status: 'cold' },
    });
    expect(response.status()).toBe(201);
    const { id } = (await response.json()) as { id: string };

    await login(page, 'head@lider.test');
    await page.goto(`/clients/${id}`);
    await expect(page.getByTestId('client-name')).toHaveText(`ООО «Карточка ${run}»`);

    // inline status change (PATCH with the version)
    await page.getByTestId('client-status').click();
    await page.getByTestId('status-ready').click();
    await expect(page.getByText('Статус изменён: Готов к покупке')).toBeVisible();
    await expect(page.getByTestId('client-status')).toContainText('Готов к покупке');

    // a contact with the decision-maker profile
    await openTab(page, /Контакты/);
    await page.getByTestId('contact-add').click();
    const contact = page.getByTestId('contact-dialog');
    await contact.getByLabel('ФИО').fill('Иванова Марина Сергеевна');
    await contact.getByLabel('Должность').fill('Директор по закупкам');
    await contact.getByLabel('Телефоны').fill('8 903 111 22 33');
    await page.getByTestId('ct-influence').click();
    await page.getByRole('option', { name: 'Принимает решение' }).click();
    await contact.getByLabel('Личная выгода').fill('Премия за снижение потерь');
    await page.getByTestId('ct-submit').click();
    await expect(contact).toBeHidden();
    const contacts = page.getByTestId('contacts-table');
    await expect(contacts).toContainText('Иванова Марина Сергеевна');
    await expect(contacts).toContainText('Принимает решение');
    await expect(contacts).toContainText('+7 (903) 111-22-33');

    // the dossier
    await openTab(page, 'Досье');
    await expect(page.getByTestId('dossier-updated')).toHaveText('Досье ещё не заполнялось');
    await page.getByLabel('Тенденции отрасли').fill('Переход на витрины с выносным холодом');
    await page.getByTestId('ds-competitors').fill('Холодмаш');
    await page.keyboard.press('Enter');
    await page.getByLabel('Снижение затрат').fill('Сократить потери при авариях холода');
    await page.getByTestId('dossier-save').click();
    await expect(page.getByText('Досье сохранено')).toBeVisible();
    await expect(page.getByTestId('dossier-updated')).toContainText('Изменено');

    // reassignment with a reason
    await page.getByTestId('client-reassign').click();
    await page.getByTestId('ra-manager').click();
    await page.getByRole('option', { name: 'Попов Дмитрий Сергеевич' }).click();
    await page.getByTestId('ra-reason').fill('Перераспределение по территориям');
    await page.getByTestId('ra-submit').click();
    await expect(page.getByTestId('client-manager')).toHaveText('Попов Дмитрий Сергеевич');

    // archive, then the history tells it all
    await page.getByTestId('client-archive').click();
    await page.getByRole('dialog').getByRole('button', { name: 'В архив' }).click();
    await expect(page.getByTestId('client-restore')).toBeVisible();
    await openTab(page, 'История');
    const history = page.getByTestId('timeline-tab');
    await expect(history).toContainText('Клиент перемещён в архив');
    await expect(history).toContainText('Клиент передан: Романова Светлана Юрьевна → Попов Дмитрий Сергеевич');
    await expect(history).toContainText('Причина: Перераспределение по территориям');
    await expect(history).toContainText('Обновлено досье ключевого клиента');
    await expect(history).toContainText('Добавлено контактное лицо: Иванова Марина Сергеевна');
    await expect(history.getByTestId('timeline-change').filter({ hasText: 'Статус:' })).toContainText('Холодный→Готов к покупке');

    await page.getByTestId('client-restore').click();
    await expect(page.getByTestId('client-archive')).toBeVisible();
  });

  test('a manager opening another manager’s client by its address gets the 404 page', async ({ page, request }) => {
    const headers = await apiLogin(request, 'director@lider.test');
    const list = await request.get('/api/clients?pageSize=50&sort=-createdAt', { headers });
    const { items } = (await list.json()) as { items: Array<{ id: string; managerName: string }> };
    const foreign = items.find((c) => c.managerName !== MANAGER1);
    expect(foreign).toBeTruthy();

    await login(page, 'manager1@lider.test');
    await page.goto(`/clients/${foreign!.id}`);
    await expect(page.getByRole('heading', { name: 'Страница не найдена' })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/clients/${foreign!.id}$`));
    await snap(page, '30-client-not-found');

    await page.goto('/clients/not-a-client');
    await expect(page.getByRole('heading', { name: 'Страница не найдена' })).toBeVisible();
  });
});
