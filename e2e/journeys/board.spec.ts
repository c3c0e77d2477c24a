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
  const pipeline = (await (await page.request.get('/api/v1/pipelines/default')).json()) as { id: string };
  const board = async () => (await (await page.request.get(`/api/v1/pipelines/${pipeline.id}/board?perColumn=1`)).json()) as { data: { id: string; name: string; count: number }[] };
  const first = (await board()).data[0]!;
  // enough opportunities in the first stage for a second page (the board shows 30 a column)
  for (let i = 1; i <= 45 - Math.min(first.count, 45); i++) {
    const res = await page.request.post('/api/v1/opportunities', { data: { name: `Paginare ${String(i).padStart(2, '0')}`, pipelineId: pipeline.id, stageId: first.id } });
    expect(res.status(), await res.text()).toBe(201);
  }
  const total = (await board()).data[0]!.count;
  expect(total).toBeGreaterThanOrEqual(45);

  await page.goto('/sales/board');
  const column = page.getByTestId('board-column').first();
  await expect(column.getByTestId('column-count')).toHaveText(String(total));
  await expect(column.getByTestId('board-card')).toHaveCount(30);
  await column.getByTestId('column-more').click();
  await expect(column.getByTestId('board-card')).toHaveCount(Math.min(total, 60));
  // every card once
  const names = await column.getByTestId('board-card').locator('a').allTextContents();
  expect(new Set(names).size).toBe(names.length);
});
