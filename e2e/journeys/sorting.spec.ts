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

// Î, Ł, Ö, Ş, Ţ sort with their letters (not after Z); ş (cedilla) and ș (comma below) are one letter,
// so the words after them decide
const EXPECTED = ['Ábel', 'Ana', 'Îndrumare', 'Łódź Trans', 'Öko', 'Școala Nouă', 'Şcoala', 'Ţara', 'Zeta'].map((n) => `${n} Sortare`);

async function shownNames(): Promise<string[]> {
  const rows = await page.getByTestId('record-row').allTextContents();
  return rows.map((text) => EXPECTED.find((name) => text.includes(name)) ?? text);
}

test('a list is sorted by the column whose header is clicked, shown by an arrow, in the order of the region', async () => {
  for (const name of ['Zeta', 'Școala Nouă', 'Îndrumare', 'Łódź Trans', 'Ţara', 'Öko', 'Ana', 'Şcoala', 'Ábel']) {
    const res = await page.request.post('/api/v1/partners', { data: { name: `${name} Sortare`, country: 'RO' } });
    expect(res.status(), await res.text()).toBe(201);
  }
  await page.goto('/r/partners');
  await page.getByTestId('quick-search').fill('Sortare');
  await expect(page.getByTestId('record-row')).toHaveCount(EXPECTED.length);
  const nameHeader = page.getByRole('columnheader', { name: /^Name/ });
  // the list comes sorted by name: its header says so
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  expect(await shownNames()).toEqual(EXPECTED);
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(nameHeader).toContainText('▼');
  await expect.poll(shownNames).toEqual([...EXPECTED].reverse());

  // every column that can be sorted by sorts the list when its header is clicked
  const headers = page.getByRole('columnheader').filter({ has: page.getByRole('button') });
  const count = await headers.count();
  expect(count).toBeGreaterThan(3);
  for (let i = 0; i < count; i++) {
    const header = headers.nth(i);
    const answer = page.waitForResponse((r) => r.url().includes('/api/v1/partners?') && r.url().includes('sort='));
    await header.getByRole('button').click();
    expect((await answer).status()).toBe(200);
    await expect(header).toHaveAttribute('aria-sort', /ascending|descending/);
    await expect(page.getByRole('columnheader', { name: /▲|▼/ })).toHaveCount(1);
    await expect(page.getByTestId('record-row')).toHaveCount(EXPECTED.length);
  }
});
