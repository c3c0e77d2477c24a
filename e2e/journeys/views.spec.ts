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

test('tasks for me and tasks I gave others are views every list of tasks offers', async () => {
  const me = ((await (await page.request.get('/api/v1/me')).json()) as { user: { id: string } }).user.id;
  const users = ((await (await page.request.get('/api/v1/users?limit=100')).json()) as { data: { id: string; canSignIn?: boolean }[] }).data;
  const colleague = users.find((u) => u.id !== me)!;
  expect(colleague).toBeTruthy();
  for (const [title, assigneeId] of [
    ['Vedere: sună clientul', me],
    ['Vedere: pregătește oferta', colleague.id],
  ] as const) {
    const res = await page.request.post('/api/v1/tasks', { data: { title, assigneeId } });
    expect(res.status(), await res.text()).toBe(201);
  }
  await page.goto('/r/tasks');
  await page.getByTestId('quick-search').fill('Vedere');
  await page.getByTestId('views').click();
  await page.getByTestId('view-for-me').click();
  await expect(page.getByTestId('record-row').filter({ hasText: 'Vedere: sună clientul' })).toHaveCount(1);
  await expect(page.getByTestId('record-row').filter({ hasText: 'Vedere: pregătește oferta' })).toHaveCount(0);
  await page.getByTestId('views').click();
  await page.getByTestId('view-from-me').click();
  await expect(page.getByTestId('record-row').filter({ hasText: 'Vedere: pregătește oferta' })).toHaveCount(1);
  await expect(page.getByTestId('record-row').filter({ hasText: 'Vedere: sună clientul' })).toHaveCount(0);
});
