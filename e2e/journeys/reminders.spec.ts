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

test('default reminders are set in Settings and a task form edits its reminders as a list', async () => {
  await page.goto('/settings');
  await page.getByTestId('settings-reminder-defaults').click();
  await page.getByTestId('reminders-add').click();
  await page.getByTestId('reminders-0-amount').fill('2');
  await page.getByTestId('reminders-0-unit').click();
  // minutes, hours, days: the second is hours
  await page.getByRole('option').nth(1).click();
  await page.getByTestId('reminder-defaults-save').click();
  await page.reload();
  await expect(page.getByTestId('reminders-0-amount')).toHaveValue('2');

  await page.goto('/r/tasks/new');
  await page.getByTestId('field-title').fill('Pregătește contractul-cadru');
  await page.getByTestId('field-dueAt').fill('2031-03-10T10:00');
  await page.getByTestId('reminders-add').click();
  await page.getByTestId('reminders-0-amount').fill('1');
  await page.getByTestId('reminders-0-unit').click();
  await page.getByRole('option').nth(2).click();
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Pregătește contractul-cadru');
  await page.getByTestId('tab-reminders').click();
  // one reminder, a day before the deadline, waiting
  await expect(page.getByTestId('task-reminders').locator('tr')).toHaveCount(1);
});

test('a task chain: template with steps, started on a partner, the next step made when the first is done', async () => {
  await page.goto('/r/task-chain-templates/new');
  await page.getByTestId('field-name').fill('Ofertare nouă');
  await page.getByTestId('steps-add').click();
  await page.getByTestId('steps-0-title').fill('Primul apel');
  await page.getByTestId('steps-0-type').click();
  await page.getByRole('option').first().click();
  await page.getByTestId('steps-0-assignee').click();
  await page.getByRole('option').nth(2).click();
  await page.getByTestId('steps-0-offsetDays').fill('1');
  await page.getByTestId('steps-add').click();
  await page.getByTestId('steps-1-title').fill('Trimite oferta');
  await page.getByTestId('steps-1-type').click();
  await page.getByRole('option').nth(2).click();
  await page.getByTestId('steps-1-assignee').click();
  await page.getByRole('option').nth(1).click();
  await page.getByTestId('steps-1-offsetDays').fill('2');
  await page.getByTestId('steps-1-workingDays').check();
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Ofertare nouă');

  await page.goto('/r/partners/new');
  await page.getByTestId('field-name').fill('Lanțuri Moldova SRL');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Lanțuri Moldova SRL');
  await page.getByTestId('start-chain').click();
  await page.getByTestId('start-chain-template').click();
  await page.getByRole('option', { name: 'Ofertare nouă' }).click();
  await page.getByTestId('start-chain-go').click();
  await expect(page.getByTestId('record-title')).toHaveText('Ofertare nouă');
  await page.getByTestId('tab-tasks').click();
  await expect(page.getByTestId('chain-tasks')).toContainText('Primul apel');

  await page.goto('/reminders');
  await expect(page.getByTestId('reminders-tasks')).toContainText('Primul apel');
  await page.getByTestId('reminders-tasks').getByText('Primul apel').click();
  await page.getByTestId('task-complete').click();
  await expect(page.getByTestId('task-reopen')).toBeVisible();
  await page.goto('/reminders');
  await expect(page.getByTestId('reminders-tasks')).toContainText('Trimite oferta');
  await expect(page.getByTestId('reminders-tasks')).not.toContainText('Primul apel');
});

test('a callback planned on a partner shows in my reminders and is marked done there', async () => {
  await page.goto('/r/partners');
  // the import journey may have filled the first pages: find it
  await page.getByTestId('quick-search').fill('Lanturi Moldova');
  await page.getByRole('link', { name: 'Lanțuri Moldova SRL' }).first().click();
  await page.getByTestId('tab-callbacks').click();
  await page.getByTestId('partner-new-callback').click();
  await expect(page.getByTestId('field-partnerId')).toHaveValue('Lanțuri Moldova SRL');
  const soon = new Date(Date.now() + 3 * 3_600_000);
  const local = new Date(soon.getTime() - soon.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await page.getByTestId('field-callAt').fill(local);
  await page.getByTestId('field-note').fill('Întreabă de comanda din decembrie');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('tab-history')).toBeVisible();

  await page.goto('/');
  await expect(page.getByTestId('home-reminders')).toBeVisible();
  await page.goto('/reminders');
  const callbacks = page.getByTestId('reminders-callbacks');
  await expect(callbacks).toContainText('Lanțuri Moldova SRL');
  await expect(callbacks).toContainText('Întreabă de comanda din decembrie');
  await callbacks.getByRole('button').first().click();
  await expect(callbacks).not.toContainText('Lanțuri Moldova SRL');
});
