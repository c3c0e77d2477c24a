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

test('a task about a partner: made from its tab, overdue in red, completed and reopened, with a reply', async () => {
  await page.goto('/r/partners/new');
  await page.getByTestId('field-name').fill('Activități Transilvania SRL');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Activități Transilvania SRL');

  await page.getByTestId('tab-tasks').click();
  await page.getByTestId('partner-new-task').click();
  // the form starts linked to the partner it was made from
  await expect(page.getByTestId('field-partnerId')).toHaveValue('Activități Transilvania SRL');
  await page.getByTestId('field-title').fill('Sună pentru reînnoire');
  await page.getByTestId('field-dueAt').fill('2024-01-15T10:00');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Sună pentru reînnoire');
  const overdue = /Overdue|Întârziată|Po terminie|Lejárt|Прострочене/;
  await expect(page.getByTestId('task-status')).toHaveText(overdue);

  await page.getByTestId('task-complete').click();
  await expect(page.getByTestId('task-reopen')).toBeVisible();
  await expect(page.getByTestId('task-status')).toHaveText(/Done|Finalizată|Wykonane|Kész|Виконане/);
  // the confirmation toasts sit over the header's buttons until they close by themselves (not while hovered)
  await page.mouse.move(300, 600);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByTestId('task-reopen').click();
  await expect(page.getByTestId('task-complete')).toBeVisible();
  await expect(page.getByTestId('task-status')).toHaveText(overdue);

  await page.getByTestId('tab-comments').click();
  await page.getByTestId('task-comment-body').fill('Am sunat, revin mâine.');
  await page.getByTestId('task-comment-send').click();
  await expect(page.getByTestId('task-comments')).toContainText('Am sunat, revin mâine.');

  // on the task list the overdue task's row is red
  await page.goto('/r/tasks');
  const row = page.getByTestId('record-row').filter({ hasText: 'Sună pentru reînnoire' });
  await expect(row).toHaveCount(1);
  expect(await row.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
});

test('an event about a partner appears on its events tab', async () => {
  await page.goto('/r/partners');
  await page.getByTestId('quick-search').fill('activitati transilvania');
  await page.getByTestId('record-link').first().click();
  await page.getByTestId('tab-events').click();
  await page.getByTestId('partner-new-event').click();
  await page.getByTestId('field-subject').fill('Vizită la sediu');
  await page.getByTestId('field-startsAt').fill('2025-05-05T09:00');
  await page.getByTestId('field-endsAt').fill('2025-05-05T10:30');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText(/Vizită la sediu|Event|Eveniment|Zdarzenie|Esemény|Подія/);
  await expect(page.getByTestId('field-minutesSpent')).toHaveValue('90');
  await page.goto('/r/partners');
  await page.getByTestId('quick-search').fill('activitati transilvania');
  await page.getByTestId('record-link').first().click();
  await page.getByTestId('tab-events').click();
  await expect(page.getByTestId('partner-events')).toContainText('Vizită la sediu');
});
