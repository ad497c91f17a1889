import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, expectNoSidewaysScroll, expectWithinScreen, login, snap, test } from './helpers';

/**
 * Planning and scheduled jobs against the demo data: every manager1..10 has 3 tasks
 * planned for the (working) day, 3 done the working day before, 1 overdue, 1 from the
 * head for the next working day and the «Проконтролировать оплату» calls; monthly plans
 * exist for the current month.
 */
test.describe.configure({ mode: 'serial', timeout: 60_000 });

const MANAGER1 = 'Смирнов Алексей Петрович';
const run = Date.now().toString(36).slice(-5);

async function apiLogin(request: APIRequestContext, email: string): Promise<Record<string, string>> {
  const response = await request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(response.ok()).toBe(true);
  const { accessToken } = (await response.json()) as { accessToken: string };
  return { Authorization: `Bearer ${accessToken}` };
}

async function openPlanning(page: Page): Promise<void> {
  await page.getByTestId('sidebar').getByText('Планирование').click();
  await expect(page).toHaveURL(/\/planning$/);
  await expect(page.getByRole('heading', { name: 'Мои дела', level: 1 })).toBeVisible();
}

/**
 * The demo plans the tasks on the working day (today, or the next working day on a
 * weekend or holiday): step forward until the day has planned tasks.
 */
async function showWorkingDay(page: Page): Promise<Locator> {
  const sections = page.locator('[data-loaded-day]');
  const planned = page.getByTestId('section-planned').getByTestId('task-item');
  for (let i = 0; i < 5; i++) {
    await expect(sections).toHaveAttribute('data-loaded-day', /^\d{4}-\d{2}-\d{2}$/);
    await expect(sections).toHaveAttribute('aria-busy', 'false');
    if ((await planned.count()) > 0) return planned;
    const shown = await sections.getAttribute('data-loaded-day');
    await page.getByRole('button', { name: 'Следующий день' }).click();
    await expect(sections).not.toHaveAttribute('data-loaded-day', shown ?? '');
  }
  return planned;
}

/** Picks a client in a planning client picker by typing part of it. */
async function pickClient(page: Page, picker: Locator, text: string, name: string): Promise<void> {
  await picker.click();
  await page.keyboard.type(text);
  const option = page.locator('.el-select-dropdown__item:visible').filter({ hasText: name }).first();
  await expect(option).toBeVisible();
  await option.click();
}

test.describe('planning', () => {
  test('a manager sees the day, marks a task done with a result and sees it under Выполнено', async ({ page }) => {
    await login(page, 'manager1@lider.test');
    await openPlanning(page);

    const planned = await showWorkingDay(page);
    expect(await planned.count()).toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('section-planned')).toContainText('Перезвонить по витринам');
    const overdue = page.getByTestId('section-overdue');
    await expect(overdue).toContainText('Напомнить о предложении');
    await expect(page.getByTestId('count-overdue')).not.toHaveText('0');
    // each planned task shows its type, time, client link and priority
    const first = planned.first();
    await expect(first.getByRole('img', { name: /Звонок|Встреча|Письмо|Выезд|Другое/ })).toBeVisible();
    await expect(first.getByTestId('task-client')).toHaveAttribute('href', /^\/clients\/[0-9a-f-]{36}$/);
    await expect(first.getByTestId('task-priority')).toBeVisible();
    await snap(page, 'planning-01-my-day');

    const item = page.getByTestId('section-planned').getByTestId('task-item').filter({ hasText: 'Встреча в павильоне' });
    const doneBefore = Number(await page.getByTestId('count-done').innerText());
    await item.getByTestId('task-complete').click();
    const dialog = page.getByTestId('complete-dialog');
    await expect(dialog).toBeVisible();
    // the result is required
    await page.getByTestId('complete-submit').click();
    await expect(dialog.getByText('Опишите результат')).toBeVisible();
    const result = `Договорились о замере на четверг ${run}`;
    await page.getByTestId('complete-result').fill(result);
    await snap(page, 'planning-02-complete');
    await page.getByTestId('complete-submit').click();
    await expect(dialog).toBeHidden();

    const done = page.getByTestId('section-done');
    const doneItem = done.getByTestId('task-item').filter({ hasText: 'Встреча в павильоне' });
    await expect(doneItem).toContainText(result);
    // plan versus fact: when it was planned and when it was done
    await expect(doneItem.getByTestId('task-planned-time')).toHaveText(/^план на (\d{2}\.\d{2}\.\d{4} )?\d{2}:\d{2}$/);
    await expect(doneItem.getByTestId('task-done-time')).toHaveText(/^выполнена в (\d{2}\.\d{2}\.\d{4} )?\d{2}:\d{2}$/);
    await expect(page.getByTestId('section-planned')).not.toContainText('Встреча в павильоне');
    await expect(page.getByTestId('count-done')).toHaveText(String(doneBefore + 1));
  });

  test('a manager adds «Перезвонить» from a template for a client found by search', async ({ page, request }) => {
    const headers = await apiLogin(request, 'manager1@lider.test');
    const clients = await request.get('/api/clients?pageSize=50&sort=name', { headers });
    expect(clients.ok()).toBe(true);
    const { items } = (await clients.json()) as { items: Array<{ id: string; name: string; inn: string | null }> };
    const client = items.find((c) => c.inn);
    expect(client, 'a client of manager1 with an INN').toBeTruthy();

    await login(page, 'manager1@lider.test');
    await openPlanning(page);
    await page.getByTestId('add-from-template').click();
    const dialog = page.getByTestId('template-dialog');
    await expect(dialog).toBeVisible();
    await page.getByTestId('template-select').click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: 'Перезвонить' }).click();
    await pickClient(page, dialog.getByTestId('client-picker'), client!.inn!, client!.name);
    const goal = `Узнать решение по витринам ${run}`;
    await page.getByTestId('template-goal').fill(goal);
    await snap(page, 'planning-03-template');
    await page.getByTestId('template-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(/Задача «Перезвонить» запланирована на \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/)).toBeVisible();

    // the new task is in the list of all tasks, for that client
    await page.getByTestId('planning-nav-tasks').click();
    await expect(page).toHaveURL(/\/planning\/tasks$/);
    await pickClient(page, page.locator('.toolbar').getByTestId('client-picker'), client!.inn!, client!.name);
    const table = page.getByTestId('tasks-table');
    const row = table.locator('tr').filter({ hasText: goal });
    await expect(row).toContainText('Перезвонить');
    await expect(row).toContainText(client!.name);
    await expect(row).toContainText('Запланирована');
    await snap(page, 'planning-06-tasks');
  });

  test('a manager changes a priority, reschedules, cancels and creates a task', async ({ page }) => {
    await login(page, 'manager2@lider.test');
    await openPlanning(page);
    const planned = await showWorkingDay(page);
    const day = (await page.locator('[data-loaded-day]').getAttribute('data-loaded-day'))!;
    const section = page.getByTestId('section-planned');

    // inline priority
    const proposal = planned.filter({ hasText: 'Отправить КП' });
    await proposal.getByTestId('task-priority').click();
    await page.getByRole('menuitem', { name: 'Высокий' }).click();
    await expect(page.getByText('Приоритет изменён: Высокий')).toBeVisible();
    await expect(proposal.getByTestId('task-priority')).toContainText('Высокий');
    // high priority first: both high tasks come before the normal one
    await expect(planned.nth(2)).toContainText('Встреча в павильоне');

    // reschedule to the next day, same time
    const [y, m, d] = day.split('-').map(Number);
    const next = new Date(Date.UTC(y!, m! - 1, d! + 1));
    const nextText = `${String(next.getUTCDate()).padStart(2, '0')}.${String(next.getUTCMonth() + 1).padStart(2, '0')}.${next.getUTCFullYear()}`;
    await planned.filter({ hasText: 'Перезвонить по витринам' }).getByTestId('task-reschedule').click();
    const reschedule = page.getByTestId('reschedule-dialog');
    await expect(reschedule).toBeVisible();
    const dateInput = page.locator('#rs-date');
    await dateInput.fill(nextText);
    await dateInput.press('Enter');
    await page.getByTestId('reschedule-submit').click();
    await expect(reschedule).toBeHidden();
    await expect(section).not.toContainText('Перезвонить по витринам');

    // cancel with a reason
    await planned.filter({ hasText: 'Встреча в павильоне' }).getByTestId('task-more').click();
    await page.getByRole('menuitem', { name: 'Отменить задачу' }).click();
    const box = page.getByRole('dialog', { name: 'Отмена задачи' });
    await box.getByRole('textbox').fill('Клиент перенёс встречу на следующий месяц');
    await box.getByRole('button', { name: 'Отменить задачу' }).click();
    await expect(section).not.toContainText('Встреча в павильоне');

    // a new task with the full form, on the day shown
    await page.getByTestId('new-task').click();
    const form = page.getByTestId('task-form-dialog');
    await expect(form).toBeVisible();
    await form.getByText('Встреча', { exact: true }).click();
    const subject = `Презентация новой витрины ${run}`;
    await page.getByTestId('task-form-subject').fill(subject);
    await page.getByTestId('task-form-submit').click();
    await expect(form).toBeHidden();
    // The confirmation toast is short-lived; the task on the day is what must stay.
    await expect(page.getByTestId('section-planned').or(page.getByTestId('section-overdue')).filter({ hasText: subject })).toBeVisible();
  });

  test('the sales head sees the team day with counts per manager', async ({ page }) => {
    await login(page, 'head@lider.test');
    await openPlanning(page);
    await page.getByTestId('planning-nav-team').click();
    await expect(page).toHaveURL(/\/planning\/team$/);

    const table = page.getByTestId('team-table');
    const row = table.locator('tr.el-table__row').filter({ hasText: MANAGER1 });
    await expect(row).toBeVisible();
    await expect(row.getByTestId('team-planned')).toHaveText(/^\d+$/);
    await expect(row.getByTestId('team-done')).toHaveText(/^\d+$/);
    await expect(row.getByTestId('team-overdue')).toHaveText(/^[1-9]\d*$/);
    expect(await table.getByTestId('team-member').count()).toBeGreaterThanOrEqual(10);
    await expect(page.getByTestId('team-chart').locator('canvas')).toBeVisible();

    // the row opens to the employee's tasks
    await row.locator('.el-table__expand-icon').click();
    await expect(table.locator('.member-item').first()).toBeVisible();
    await page.waitForTimeout(300);
    await snap(page, 'planning-04-team');
  });

  test('the sales head sees the monthly plans with progress and changes a target', async ({ page }) => {
    test.setTimeout(120_000);
    await login(page, 'head@lider.test');
    await page.goto('/planning/plans');
    // The month in words: «ноябрь 2026», not 11.2026.
    const monthName = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', month: 'long' }).format(new Date());
    const year = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', year: 'numeric' }).format(new Date());
    await expect(page.getByTestId('plans-month')).toHaveText(`${monthName} ${year}`);
    // Let the first load's progress arrive before counting, or its late request is counted too.
    await expect(page.getByTestId('plan-progress').first()).toBeVisible({ timeout: 30_000 });
    // One request for the progress of every plan shown, not one per manager.
    const progressCalls: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/plans\/[^/?]+\/progress|\/api\/plans\/progress/.test(r.url())) progressCalls.push(r.url());
    });
    await page.reload();

    const table = page.getByTestId('plans-table');
    const rows = table.locator('tr.el-table__row');
    // Generous waits: the whole page's progress is one answer, slow on a loaded 2-core machine.
    await expect(rows.first()).toBeVisible({ timeout: 30_000 });
    expect(await rows.count()).toBeGreaterThanOrEqual(10);
    const row = rows.filter({ hasText: MANAGER1 });
    await expect(row.getByTestId('plan-progress')).toHaveCount(4, { timeout: 30_000 });
    await expect(row).toContainText(/из \d[\d\u00a0]*,\d{2}\u00a0₽/);
    await expect(row.getByTestId('plan-progress').first()).toContainText('%');
    expect(progressCalls).toHaveLength(1);
    expect(progressCalls[0]).toContain('/api/plans/progress?ids=');
    await page.waitForTimeout(300);
    await snap(page, 'planning-05-plans');

    await row.getByTestId('plan-edit').click();
    const dialog = page.getByTestId('plan-dialog');
    await expect(dialog).toBeVisible();
    const revenue = page.getByTestId('plan-revenue');
    await revenue.fill('3 abc');
    await revenue.blur();
    await expect(dialog.getByText('Сумма в рублях: до 12 цифр и не больше 2 знаков после запятой')).toBeVisible();
    await revenue.fill('-5');
    await revenue.blur();
    await expect(dialog.getByText('Сумма не может быть отрицательной')).toBeVisible();
    await revenue.fill('3 125 000,50');
    await page.getByTestId('plan-submit').click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('из 3\u00a0125\u00a0000,50\u00a0₽');
  });

  test('the head copies last month\'s plans to the next month in one step, after a confirmation with the count', async ({ page }) => {
    test.setTimeout(120_000);
    await login(page, 'head@lider.test');
    await page.goto('/planning/plans');
    const rows = page.getByTestId('plans-table').locator('tr.el-table__row');
    await expect(rows.first()).toBeVisible();
    const shown = Number((await page.getByTestId('plans-total').innerText()).replace(/\D/g, ''));
    const current = await page.getByTestId('plans-month').innerText();

    await page.getByTestId('plans-month-next').click();
    await expect(page.getByTestId('plans-month')).not.toHaveText(current);
    await expect(page.getByTestId('plans-total')).toHaveText('Найдено: 0');
    await expect(page.getByTestId('plans-copy')).toContainText(`Скопировать планы за ${current}`);
    await page.getByTestId('plans-copy').click();
    const confirm = page.getByRole('dialog', { name: 'Планы с прошлого месяца' });
    await expect(confirm).toContainText(`Будет создано планов: ${shown}`);
    await snap(page, 'planning-07-copy-confirm');
    await confirm.getByRole('button', { name: 'Создать планы' }).click();
    await expect(page.getByText(`Создано планов: ${shown}`, { exact: true })).toBeVisible(); // exact: the fading confirmation says «Будет создано планов: N»
    await expect(page.getByTestId('plans-total')).toHaveText(`Найдено: ${shown}`);
    await expect(rows.filter({ hasText: MANAGER1 })).toContainText('из 3\u00a0125\u00a0000,50\u00a0₽');

    // A second copy has nothing left to create.
    await page.getByTestId('plans-copy').click();
    await expect(page.getByText(/^Копировать нечего/)).toBeVisible();
  });
});

test.describe('scheduled jobs', () => {
  test('the admin runs payment-calls now and sees a new successful run', async ({ page }) => {
    await login(page, 'admin@lider.test');
    await page.getByTestId('sidebar').getByText('Регламентные задания').click();
    await expect(page).toHaveURL(/\/jobs$/);

    const card = page.locator('[data-job="payment-calls"]');
    await expect(card).toBeVisible();
    await expect(card.getByTestId('job-schedule')).toHaveText(/^Ежедневно в \d{2}:\d{2} \(Москва\), по рабочим дням$/);
    await expect(card.getByRole('heading', { level: 2 })).toHaveText('Звонки по оплате счетов');
    await expect(page.getByText('payment-calls', { exact: true })).toHaveCount(0);
    const total = page.getByTestId('runs-total');
    await expect(total).toHaveText(/Всего: \d+/);
    const before = Number((await total.innerText()).replace(/\D/g, ''));

    await card.getByTestId('job-run').click();
    await expect(page.getByText('Задание выполнено: Успешно')).toBeVisible();
    await expect(total).toHaveText(`Всего: ${before + 1}`);
    const fresh = page.getByTestId('runs-table').locator('tr.el-table__row').first();
    await expect(fresh).toContainText('новый');
    await expect(fresh).toContainText('Вручную');
    await expect(fresh.getByTestId('run-status')).toHaveText('Успешно');
    await expect(fresh.getByTestId('run-counts')).toContainText(/создано задач: \d+/);
    await expect(fresh).toContainText(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}/);
    await expect(card.getByTestId('job-last-run')).toContainText('Успешно');
    await snap(page, 'jobs-01-runs');
  });

  test('the director sees the jobs but cannot run them', async ({ page }) => {
    await login(page, 'director@lider.test');
    await page.goto('/jobs');
    await expect(page.locator('[data-job="payment-calls"]')).toBeVisible();
    await expect(page.getByTestId('job-run')).toHaveCount(0);
  });
});

test.describe('planning on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('all tasks and the monthly plans are cards at 390 px, without sideways scrolling', async ({ page }) => {
    test.setTimeout(120_000);
    await login(page, 'head@lider.test');
    await page.goto('/planning/tasks');
    await expect(page.getByTestId('task-card').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('tasks-table')).toHaveCount(0);
    await expect(page.getByTestId('tasks-total')).toHaveText(/Всего: \d+/);
    await expectNoSidewaysScroll(page);
    // The header's buttons wrap below the title instead of being cut off at the right edge.
    await expectWithinScreen(page.getByTestId('new-task'));
    await snap(page, 'planning-08-tasks-phone');

    await page.goto('/planning/plans');
    await expect(page.getByTestId('plan-card').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('plans-table')).toHaveCount(0);
    await expect(page.getByTestId('plan-card').first().getByTestId('plan-progress')).toHaveCount(4, { timeout: 30_000 });
    await expectNoSidewaysScroll(page);
    await expectWithinScreen(page.getByTestId('plans-copy'));
    await snap(page, 'planning-09-plans-phone');
  });
});
