import type { Page } from '@playwright/test';
import { expect, expectNoSidewaysScroll, login, snap, test } from './helpers';

// A manager on the road: an iPhone-sized screen.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });
test.describe.configure({ timeout: 120_000 });

const run = Date.now().toString(36).slice(-6);

async function go(page: Page, name: string): Promise<void> {
  await page.getByTestId('nav-toggle').click();
  const menu = page.getByTestId('sidebar');
  await expect(menu).toBeVisible();
  await menu.getByText(name, { exact: true }).click();
  await expect(page.getByTestId('nav-backdrop')).toHaveCount(0); // the drawer closes after navigating
}

test('at 390 px the menu is a drawer, lists are cards, the kanban shows one stage, the task form fits', async ({ page }) => {
  await login(page, 'manager1@lider.test');
  await expectNoSidewaysScroll(page);
  // the menu is hidden until asked for
  await expect(page.getByTestId('sidebar')).toBeHidden();
  await snap(page, 'phone-01-home');

  // «Мои дела»: counters, tasks and the form, all inside the screen
  await go(page, 'Планирование');
  await expect(page).toHaveURL(/\/planning$/);
  await expect(page.getByTestId('day-counters')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('task-item').first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  await snap(page, 'phone-02-my-day');
  const firstTask = page.getByTestId('task-item').first();
  await expect(firstTask.getByRole('button', { name: /Выполнено/ })).toBeInViewport();

  await page.getByTestId('new-task').click();
  const form = page.getByTestId('task-form-dialog');
  await expect(form).toBeVisible();
  const box = await form.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  await form.getByText('Звонок', { exact: true }).click();
  const subject = `Звонок с дороги ${run}`;
  await page.getByTestId('task-form-subject').fill(subject);
  await snap(page, 'phone-03-task-form');
  await page.getByTestId('task-form-submit').click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('section-planned').or(page.getByTestId('section-overdue')).filter({ hasText: subject })).toBeVisible();
  await expectNoSidewaysScroll(page);

  // clients: cards, then the client card
  await go(page, 'Клиенты');
  await expect(page.getByTestId('clients-cards')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('clients-table')).toHaveCount(0);
  await expect(page.getByTestId('client-card').first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  await snap(page, 'phone-04-clients');
  await page.getByTestId('client-link').first().click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('client-name')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await snap(page, 'phone-05-client-card');
  await page.getByRole('tab', { name: /Контакты/ }).click();
  await expect(page.getByRole('tab', { name: /Контакты/ })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'История' }).click();
  await expect(page.getByLabel('Новая заметка')).toBeVisible();
  await expectNoSidewaysScroll(page);

  // the kanban: one stage at a time, switched with the stage switcher
  await go(page, 'Воронка продаж');
  await expect(page.getByTestId('funnel-column')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('funnel-column')).toHaveAttribute('data-stage-code', 'presentation');
  await expectNoSidewaysScroll(page);
  await snap(page, 'phone-06-kanban');
  await page.getByTestId('stage-switcher').click();
  await page.getByRole('option', { name: /Подготовка предложения/ }).click();
  await expect(page.getByTestId('funnel-column')).toHaveCount(1);
  await expect(page.getByTestId('funnel-column')).toHaveAttribute('data-stage-code', 'proposal');
  await expect(page.getByTestId('deal-card').first()).toBeInViewport();
  // The stage list is teleported to <body>: measure once it has closed, not while it fades out.
  await expect(page.getByRole('listbox')).toBeHidden();
  await expectNoSidewaysScroll(page);
});
