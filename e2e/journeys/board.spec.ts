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

test('a long board column pages on where it stopped, without leaving the board', async () => {
  // a pipeline of its own, so the other journeys' boards stay as they expect them
  const made = await page.request.post('/api/v1/pipelines', { data: { name: 'Paginare' } });
  expect(made.status(), await made.text()).toBe(201);
  const pipeline = (await made.json()) as { id: string };
  const stages = ((await (await page.request.get(`/api/v1/pipelines/${pipeline.id}/stages`)).json()) as { data: { id: string }[] }).data;
  for (let i = 1; i <= 45; i++) {
    const res = await page.request.post('/api/v1/opportunities', { data: { name: `Paginare ${String(i).padStart(2, '0')}`, pipelineId: pipeline.id, stageId: stages[0]!.id } });
    expect(res.status(), await res.text()).toBe(201);
  }

  await page.goto('/sales/board');
  await page.getByRole('combobox', { name: 'Pipeline' }).click();
  await page.getByRole('option', { name: 'Paginare', exact: true }).click();
  const column = page.getByTestId('board-column').first();
  await expect(column.getByTestId('column-count')).toHaveText('45');
  await expect(column.getByTestId('board-card')).toHaveCount(30);
  await column.getByTestId('column-more').click();
  await expect(column.getByTestId('board-card')).toHaveCount(45);
  // every card once
  const names = await column.getByTestId('board-card').locator('a').allTextContents();
  expect(new Set(names).size).toBe(45);
  await expect(column.getByTestId('column-more')).toHaveCount(0);
});
