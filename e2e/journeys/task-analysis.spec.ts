import { expect, type Page, test } from '@playwright/test';

// Runs after the shell journey (see playwright.config.ts), in the workspace it set up.
test.describe.configure({ mode: 'serial' });

let page: Page;
const PARTNER = 'Analiză Sarcini SRL';
/** Noon of the day `n` days from today, in the browser's (and this machine's) zone. */
const noon = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  d.setHours(12, 0, 0, 0);
  return d.toISOString();
};

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await page.goto('/');
  await page.getByTestId('email').fill('anna@kovacs.hu');
  await page.getByTestId('password').fill('nagyon-jo-jelszo');
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('welcome')).toBeVisible();
  const partner = await page.request.post('/api/v1/partners', { data: { name: PARTNER } });
  expect(partner.status()).toBe(201);
  const partnerId = ((await partner.json()) as { id: string }).id;
  for (const task of [
    { title: 'Ofertă întârziată', dueAt: noon(-1), partnerId },
    { title: 'Vizită mâine', dueAt: noon(1), partnerId, type: 'meeting' },
    { title: 'Apel făcut', dueAt: noon(-1), completedAt: noon(-1), partnerId, type: 'call' },
  ]) {
    expect((await page.request.post('/api/v1/tasks', { data: task })).status()).toBe(201);
  }
});
test.afterAll(async () => {
  await page.close();
});

const row = (name: string) => page.getByTestId('analysis-table').getByRole('row').filter({ hasText: name });

test('task analysis: due, open, overdue and done per partner, per day, the workload, and the exports', async () => {
  await page.getByTestId('nav-task-analysis').click();
  await expect(page.getByTestId('task-analysis')).toBeVisible();
  await page.getByTestId('analysis-by').getByText('Per partner').click();
  await page.getByTestId('analysis-partner').click();
  await page.getByTestId('analysis-partner').fill('Analiza');
  await page.getByRole('option', { name: PARTNER }).click();
  // due 3 (open 1, overdue 1), done 1 (on time)
  await expect(row(PARTNER).getByRole('cell')).toHaveText([PARTNER, '3', '1', '1', '1', '0', '']);
  await expect(page.getByTestId('stacked-columns')).toBeVisible();

  // per day: yesterday one overdue and one done, tomorrow one open
  await page.getByTestId('analysis-view').getByText('Per day').click();
  await expect(page.getByTestId('analysis-table').getByRole('row')).toHaveCount(3);
  // only calls
  await page.getByTestId('analysis-types').click();
  await page.getByRole('option', { name: 'Call' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('analysis-table').getByRole('row')).toHaveCount(2);
  await page.getByTestId('analysis-view').getByText('Per partner').click();
  await expect(row(PARTNER).getByRole('cell')).toHaveText([PARTNER, '1', '0', '0', '1', '0', '']);

  // workload of the person: the tasks are hers (the author is the assignee)
  await page.getByTestId('analysis-view').getByText('Workload').click();
  await expect(row('Anna Kovács')).toBeVisible();

  await page.getByTestId('analysis-view').getByText('Per partner').click();
  await page.getByTestId('analysis-export').click();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('analysis-export-csv').click()]);
  let text = '';
  for await (const chunk of await csv.createReadStream()) text += (chunk as Buffer).toString();
  expect(text).toContain(`${PARTNER},1,0,0,1,0`);
  await page.getByTestId('analysis-export').click();
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('analysis-export-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const chunks: Buffer[] = [];
  for await (const chunk of await xlsx.createReadStream()) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).subarray(0, 2).toString()).toBe('PK');
});

test('a period too long for days is explained', async () => {
  await page.getByTestId('analysis-from').fill('2020-01-01');
  await expect(page.getByTestId('analysis-error')).toContainText('The period is too long');
  await page.getByTestId('analysis-unit').getByText('Week').click();
  await expect(page.getByTestId('analysis-error')).toContainText('The period is too long');
  await page.getByTestId('analysis-from').fill(new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10));
  await expect(page.getByTestId('analysis-error')).toHaveCount(0);
});
