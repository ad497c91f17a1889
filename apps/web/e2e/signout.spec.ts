import type { Page } from '@playwright/test';
import { expect, login, logout, test } from './helpers';

test.describe.configure({ timeout: 90_000 });

/** What the page keeps in memory: the query cache and every store but the session. */
async function memory(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { __polarMemory: () => string }).__polarMemory());
}

test('signing out leaves nothing of the previous manager for the next one in the same page', async ({ page }) => {
  await login(page, 'manager1@lider.test');

  // manager1's clients …
  await page.getByTestId('sidebar').getByText('Клиенты').click();
  await expect(page.getByTestId('clients-table').locator('tr.client-row').first()).toBeVisible({ timeout: 30_000 });
  const clientNames = (await page.getByTestId('client-link').allInnerTexts()).map((s) => s.trim()).filter(Boolean);
  expect(clientNames.length).toBeGreaterThan(3);

  // … and deals
  await page.getByTestId('sidebar').getByText('Воронка продаж').click();
  await expect(page.getByTestId('deal-card').first()).toBeVisible({ timeout: 30_000 });
  const dealTitles = (await page.getByTestId('deal-card-title').allInnerTexts()).map((s) => s.trim()).filter(Boolean);
  expect(dealTitles.length).toBeGreaterThan(0);

  // the names really are in memory while manager1 works (so the check below can fail)
  const during = await memory(page);
  expect(clientNames.some((name) => during.includes(name)) || dealTitles.some((t) => during.includes(t))).toBe(true);

  await logout(page);
  const afterSignOut = await memory(page);
  for (const name of [...clientNames, ...dealTitles]) expect(afterSignOut).not.toContain(name);

  // manager2 in the same page and browser context
  await page.getByLabel('E-mail').fill('manager2@lider.test');
  await page.getByLabel('Пароль', { exact: true }).fill('lider-demo');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByTestId('current-user-name')).toBeVisible();

  await page.getByTestId('sidebar').getByText('Клиенты').click();
  await expect(page.getByTestId('clients-table').locator('tr.client-row').first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('sidebar').getByText('Воронка продаж').click();
  await expect(page.getByTestId('deal-card').first()).toBeVisible({ timeout: 30_000 });
  const board = await page.locator('body').innerText();
  await page.getByTestId('sidebar').getByText('Клиенты').click();
  await expect(page.getByTestId('clients-table').locator('tr.client-row').first()).toBeVisible();
  const list = await page.locator('body').innerText();
  const held = await memory(page);

  for (const name of clientNames) {
    expect(list, `manager1's client «${name}» on manager2's clients screen`).not.toContain(name);
    expect(board, `manager1's client «${name}» on manager2's board`).not.toContain(name);
    expect(held, `manager1's client «${name}» in memory`).not.toContain(name);
  }
  for (const title of dealTitles) {
    expect(board, `manager1's deal «${title}» on manager2's board`).not.toContain(title);
    expect(held, `manager1's deal «${title}» in memory`).not.toContain(title);
  }
});
