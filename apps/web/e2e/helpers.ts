import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** `test` whose page fails the test on any uncaught error in the app. */
export const test = base.extend({
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

export const DEMO_PASSWORD = 'lider-demo';

/** Screenshots for people to look at (apps/web/test-results/screenshots, not committed). */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: false });
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByTestId('current-user-name')).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login/);
}

/** Nothing scrolls sideways: neither the document nor the app's scrolling content. */
/** The element is whole on a screen `width` px wide: not cut off at the right edge (overflow hidden shows no scroll bar). */
export async function expectWithinScreen(locator: Locator, width = 390): Promise<void> {
  const box = await locator.boundingBox();
  expect(box, 'on screen').not.toBeNull();
  expect(box!.x, 'left edge').toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, 'right edge').toBeLessThanOrEqual(width);
}

export async function expectNoSidewaysScroll(page: Page, width = 390): Promise<void> {
  const widths = await page.evaluate(() => ({
    document: document.scrollingElement?.scrollWidth ?? 0,
    content: (document.querySelector('.content') as HTMLElement | null)?.scrollWidth ?? 0,
  }));
  expect(widths.document, 'document width').toBeLessThanOrEqual(width);
  expect(widths.content, 'content width').toBeLessThanOrEqual(width);
}
