import { expect, type Page, test } from '@playwright/test';

// Runs after the shell journey (see playwright.config.ts), in the workspace it set up.
test.describe.configure({ mode: 'serial' });

let page: Page;
const stamp = Date.now().toString(36);
const colleagues = [
  { name: `Bence Tóth ${stamp}`, email: `bence-${stamp}@kovacs.hu` },
  { name: `Оксана Мельник ${stamp}`, email: `oksana-${stamp}@kovacs.hu` },
];
const ids: string[] = [];
let myName = '';

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto('/');
  await page.getByTestId('email').fill('anna@kovacs.hu');
  await page.getByTestId('password').fill('nagyon-jo-jelszo');
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('welcome')).toBeVisible();
  myName = ((await (await page.request.get('/api/v1/me')).json()) as { user: { name: string } }).user.name;
  for (const c of colleagues) {
    const made = await page.request.post('/api/v1/users', { data: { ...c, password: 'o-parola-buna-1' } });
    expect(made.status()).toBe(201);
    ids.push(((await made.json()) as { id: string }).id);
  }
});
test.afterAll(async () => {
  await page.close();
});

test('a task for two colleagues shows in both their columns side by side, and moves by dragging', async () => {
  await page.goto('/calendar');
  await expect(page.getByTestId('calendar-timegrid')).toBeVisible();
  await page.getByTestId('calendar-new').click();
  await page.getByTestId('calendar-form-kind').getByText(/Task|Sarcină|Zadanie|Feladat|Завдання/).click();
  const title = `Sună la Petrom ${stamp}`;
  await page.getByTestId('calendar-form-title').fill(title);
  await page.getByTestId('calendar-form-assignees').click();
  await page.getByRole('option', { name: colleagues[0]!.name }).click();
  await page.getByRole('option', { name: colleagues[1]!.name }).click();
  // not for me: clicking a chosen option takes it out again
  await page.getByRole('option', { name: myName, exact: true }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('calendar-form-save').click();
  await expect(page.getByTestId('calendar-form-title')).toHaveCount(0);

  // the day view, the two colleagues side by side
  await page.getByTestId('calendar-views').getByText(/^(Day|Zi|Dzień|Nap|День)$/).click();
  await page.getByTestId('calendar-mode').getByText(/Side by side|Alăturate|Obok siebie|Egymás mellett|Поруч/).click();
  await page.getByTestId('calendar-users').click();
  await page.getByRole('option', { name: colleagues[0]!.name }).click();
  await page.getByRole('option', { name: colleagues[1]!.name }).click();
  await page.getByRole('option', { name: myName, exact: true }).click();
  await page.keyboard.press('Escape');
  const heads = page.getByTestId('calendar-column-head');
  await expect(heads).toHaveCount(2);
  await expect(heads.nth(0)).toContainText(colleagues[0]!.name);
  await expect(heads.nth(1)).toContainText(colleagues[1]!.name);
  for (const id of ids) {
    const column = page.locator(`[data-testid="calendar-column"][data-user="${id}"]`);
    await expect(column.getByTestId('calendar-item').filter({ hasText: title })).toHaveCount(1);
  }

  // drag Bence's copy one hour later: the server takes it (its version checked), Oksana's stays
  const task = page.locator(`[data-testid="calendar-column"][data-user="${ids[0]}"]`).getByTestId('calendar-item').filter({ hasText: title });
  const before = await task.getAttribute('aria-label');
  const box = (await task.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 8);
  await page.mouse.down();
  await page.mouse.move(box.x + 20, box.y + 30, { steps: 4 });
  await page.mouse.move(box.x + 20, box.y + 52, { steps: 4 });
  await expect(page.getByTestId('calendar-drag-preview')).toBeVisible();
  await page.mouse.up();
  await expect(task).not.toHaveAttribute('aria-label', before!);
  const other = page.locator(`[data-testid="calendar-column"][data-user="${ids[1]}"]`).getByTestId('calendar-item').filter({ hasText: title });
  await expect(other).toHaveAttribute('aria-label', before!);
});

test('from the year view a day opens in the day view, with the public holidays of the country', async () => {
  await page.goto('/calendar?view=year&date=2026-06-01');
  await page.getByTestId('calendar-year-day-2026-01-01').click();
  await expect(page).toHaveURL(/view=day&date=2026-01-01/);
  // New Year's Day is a public holiday in each of the four countries
  await expect(page.getByTestId('calendar-holiday')).toHaveCount(1);
  await expect(page.getByTestId('calendar-timegrid')).toBeVisible();
});
