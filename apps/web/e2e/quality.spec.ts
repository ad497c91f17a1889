import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, login, snap, test } from './helpers';

test.describe.configure({ mode: 'default' });

/** A bearer header of a demo user, for preparing data through the API. */
async function bearerOf(request: APIRequestContext, email: string): Promise<Record<string, string>> {
  const res = await request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(res.ok()).toBe(true);
  return { Authorization: `Bearer ${(await res.json()).accessToken}` };
}

/** The dialog's text box (Element Plus puts the attribute on the textarea itself or on its wrapper). */
const dialogText = (page: Page) => page.locator('textarea[data-test="dialog-text"], [data-test="dialog-text"] textarea').first();

interface Complaint {
  id: string;
  number: number;
  clientName: string;
  status: string;
  description: string;
}

async function complaintsOf(request: APIRequestContext, email: string): Promise<Complaint[]> {
  const res = await request.get('/api/complaints?pageSize=100', { headers: await bearerOf(request, email) });
  return (await res.json()).items;
}

test.describe('quality', () => {
  test('the quality officer works a complaint: countdown, department request, answer, no closing without the call back, call back, closed', async ({ page, request }) => {
    await login(page, 'quality@lider.test');
    await page.getByTestId('sidebar').getByText('Качество', { exact: true }).click();
    await expect(page).toHaveURL(/\/quality$/);
    const table = page.getByTestId('complaints-table');
    // The countdown in working days; the demo complaint past its deadline is red.
    await expect(table.getByTestId('complaint-countdown').filter({ hasText: /осталось \d+ раб\. дн\./ }).first()).toBeVisible();
    const late = table.getByTestId('complaint-countdown').filter({ hasText: /просрочено на \d+ раб\. дн\./ }).first();
    await expect(late).toBeVisible();
    await expect(late).toHaveClass(/el-tag--danger/);
    await snap(page, '70-quality-inbox');

    const fresh = (await complaintsOf(request, 'quality@lider.test')).find((k) => k.description.startsWith('Менеджер обещал перезвонить'))!;
    await table.getByText(`№${fresh.number}`, { exact: true }).click();
    await expect(page).toHaveURL(/\/quality\/complaints\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('complaint-card')).toContainText('Менеджер обещал перезвонить');

    // A request to the legal service, with its own deadline (the default).
    await page.getByTestId('action-ask').click();
    await page.getByTestId('request-addressee').click();
    await page.getByRole('option', { name: 'Щербаков Аркадий Львович' }).click();
    await dialogText(page).fill('Есть ли основания для компенсации клиенту?');
    await page.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('complaint-request')).toContainText('Юридическая служба');
    await expect(page.getByTestId('complaint-request')).toContainText('Есть ли основания для компенсации клиенту?');

    await page.getByTestId('action-answer').click();
    await dialogText(page).fill('Извинились, менеджер перезвонил и отправил расчёт');
    await page.getByTestId('dialog-submit').click();
    await expect(page.locator('h1')).toContainText('Дан ответ');

    // Closing without the call back is refused, in words.
    await page.getByTestId('action-close').click();
    await page.getByTestId('dialog-submit').click();
    await expect(page.getByText('Сначала запишите звонок клиенту: кто, когда и чем закончился разговор')).toBeVisible();
    await page.getByRole('button', { name: 'Отмена' }).click();
    await expect(page.locator('h1')).toContainText('Дан ответ');

    await page.getByTestId('action-callback').click();
    await dialogText(page).fill('Клиент доволен, расчёт получил');
    await page.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('card-callback')).toContainText('Клиент доволен, расчёт получил');

    await page.getByTestId('action-close').click();
    await page.getByTestId('dialog-submit').click();
    await expect(page.locator('h1')).toContainText('Закрыта');
    await expect(page.getByTestId('card-hours')).toBeVisible();
    await snap(page, '71-quality-complaint-closed');

    const closed = (await complaintsOf(request, 'quality@lider.test')).find((k) => k.description.startsWith('Менеджер обещал перезвонить'));
    expect(closed?.status).toBe('closed');
  });

  test('the public survey page on a phone answers once; a second answer is refused', async ({ page, request }) => {
    const auth = await bearerOf(request, 'quality@lider.test');
    const [survey] = (await (await request.get('/api/surveys', { headers: auth })).json()) as Array<{ id: string }>;
    // The first page of clients is invited: those with an e-mail address get a personal link.
    const clients = (await (await request.get('/api/clients?pageSize=50', { headers: auth })).json()).items as Array<{ id: string }>;
    const invited = await request.post(`/api/surveys/${survey.id}/invitations`, { headers: auth, data: { clientIds: clients.map((c) => c.id) } });
    expect(invited.ok()).toBe(true);
    const link: string = (await invited.json()).created[0].link;

    // The demo answers' results, per employee and per equipment model.
    await login(page, 'quality@lider.test');
    await page.goto(`/quality/surveys/${survey.id}`);
    await expect(page.getByTestId('survey-byEmployee')).toBeVisible();
    await expect(page.getByTestId('survey-byEquipmentModel').locator('tbody tr').first()).toBeVisible();
    const token = link.split('/survey/')[1];

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/survey/${token}`);
    await page.getByTestId('question-q1').locator('.el-rate__item').nth(4).click();
    await page.getByTestId('nps-9').click();
    await page.getByTestId('question-q4').getByText('Да', { exact: true }).click();
    // Fits the phone: nothing sticks out sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snap(page, '72-quality-public-survey-phone');
    await page.getByTestId('public-submit').click();
    await expect(page.getByTestId('public-message')).toHaveText('Спасибо! Ваши ответы получены.');

    await page.reload();
    await expect(page.getByTestId('public-message')).toHaveText('По этой ссылке уже ответили. Спасибо!');
    const again = await request.post('/api/public/survey', { data: { token, answers: { q1: 1, q3: 0 } } });
    expect(again.status()).toBe(409);
  });

  test('a sales manager sees only the complaints of own clients', async ({ page, request }) => {
    const own = await complaintsOf(request, 'manager1@lider.test');
    const all = await complaintsOf(request, 'quality@lider.test');
    const others = all.filter((k) => !own.some((o) => o.id === k.id));
    expect(own.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);

    await login(page, 'manager1@lider.test');
    await page.goto('/quality');
    await page.getByText('Все', { exact: true }).click();
    const rows = page.getByTestId('complaints-table').locator('tbody tr');
    await expect(rows).toHaveCount(own.length);
    for (const k of own) await expect(page.getByTestId('complaints-table')).toContainText(`№${k.number}`);
    for (const k of others) await expect(page.getByTestId('complaints-table')).not.toContainText(new RegExp(`№${k.number}(?!\\d)`));
    // A sales manager reads; the quality department changes.
    await page.getByTestId('complaints-table').locator('tbody tr').first().click();
    await expect(page.getByTestId('complaint-card')).toBeVisible();
    await expect(page.getByTestId('action-close')).toHaveCount(0);
    await expect(page.getByTestId('action-callback')).toHaveCount(0);
  });
  test('the officer registers a complaint about an equipment unit picked by model and serial number', async ({ page, request }) => {
    const auth = await bearerOf(request, 'quality@lider.test');
    const [unit] = (await (await request.get('/api/equipment?pageSize=1', { headers: auth })).json()).items as Array<{ clientId: string; clientName: string; model: string; serialNumber: string }>;
    await login(page, 'quality@lider.test');
    await page.goto('/quality');
    await page.getByTestId('complaint-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('client-picker').click();
    await page.keyboard.type(unit.clientName.slice(0, 12));
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: unit.clientName }).first().click();
    await dialog.getByTestId('complaint-subject-kind').click();
    await page.getByRole('option', { name: 'Оборудование' }).click();
    await dialog.getByTestId('complaint-equipment').click();
    await page.getByRole('option', { name: `${unit.model} № ${unit.serialNumber}` }).click();
    await dialog.locator('textarea[data-test="complaint-description"], [data-test="complaint-description"] textarea').first().fill('Компрессор включается каждые пять минут');
    await dialog.getByTestId('complaint-create').click();
    await expect(page.getByTestId('complaint-card')).toContainText(`Оборудование: ${unit.model} № ${unit.serialNumber}`);
  });
});
