import { expect, type Page, test } from '@playwright/test';

// Runs after the shell journey (see playwright.config.ts), in the workspace it set up.
test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await page.goto('/');
  await page.getByTestId('email').fill('anna@kovacs.hu');
  await page.getByTestId('password').fill('nagyon-jo-jelszo');
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('welcome')).toBeVisible();
});
test.afterAll(async () => {
  await page.close();
});

test('a task reminder arrives as a notification in the open page when its time comes', async () => {
  test.setTimeout(150_000);
  const title = `Memento livrare ${Date.now().toString(36)}`;
  // due in four minutes, reminded five minutes before: the reminder is due now, and the scan that
  // runs every minute sends it
  const dueAt = new Date(Date.now() + 4 * 60_000).toISOString();
  const res = await page.request.post('/api/v1/tasks', { data: { title, dueAt, reminders: [{ amount: 5, unit: 'minutes' }] } });
  expect(res.status(), await res.text()).toBe(201);
  await page.goto('/');
  await expect(page.getByTestId('welcome')).toBeVisible();
  // no reload: the notification comes over the live connection
  await expect(page.getByText(title).first()).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('notifications').click();
  await expect(page.getByText(title).first()).toBeVisible();
});
