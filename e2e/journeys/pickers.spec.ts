import { type BrowserContext, expect, type Page, test } from '@playwright/test';

// Runs after the shell journey (see playwright.config.ts), in the workspace it set up. The browser
// is in Bucharest (UTC+2 in winter, +3 in summer): what is typed and shown is that wall-clock time.
test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
let partnerId: string;
const CONTACT = 'Ștefan Țurcanu';
const PARTNER = 'Brașov Trans SRL';

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({ timezoneId: 'Europe/Bucharest', locale: 'ro-RO' });
  page = await context.newPage();
  await page.goto('/');
  await page.getByTestId('email').fill('anna@kovacs.hu');
  await page.getByTestId('password').fill('nagyon-jo-jelszo');
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('welcome')).toBeVisible();
  const partner = await page.request.post('/api/v1/partners', { data: { name: PARTNER } });
  expect(partner.status()).toBe(201);
  partnerId = (await partner.json()).id;
  const contact = await page.request.post('/api/v1/contacts', { data: { firstName: 'Ștefan', lastName: 'Țurcanu' } });
  expect(contact.status()).toBe(201);
  // he works at the partner (a task about a partner takes only its people)
  expect((await page.request.put(`/api/v1/partners/${partnerId}/contacts/${(await contact.json()).id}`, { data: { role: 'Director' } })).ok()).toBe(true);
});
test.afterAll(async () => {
  await context.close();
});

/** Types into a reference picker without diacritics and takes the record it finds. */
async function pick(field: string, typed: string, name: string) {
  await page.getByTestId(field).click();
  await page.getByTestId(field).fill(typed);
  await page.getByRole('option', { name, exact: true }).click();
  await expect(page.getByTestId(field)).toHaveValue(name);
}

async function saved<T>(path: string): Promise<T> {
  const id = new URL(page.url()).pathname.split('/').pop();
  return (await (await page.request.get(`/api/v1/${path}/${id}`)).json()) as T;
}

test('date-times are typed and shown in the browser’s zone (Bucharest), on the form, after reloading and in the list', async () => {
  await page.goto('/r/tasks/new');
  await page.getByTestId('field-title').fill('Termen la ora zece');
  await page.getByTestId('field-dueAt').fill('2026-01-20T10:00');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Termen la ora zece');
  await expect(page.getByTestId('field-dueAt')).toHaveValue('2026-01-20T10:00');
  expect((await saved<{ dueAt: string }>('tasks')).dueAt).toBe('2026-01-20T08:00:00.000Z');
  await page.reload();
  await expect(page.getByTestId('field-dueAt')).toHaveValue('2026-01-20T10:00');
  await page.goto('/r/tasks');
  await page.getByTestId('quick-search').fill('termen la ora zece');
  await expect(page.getByTestId('record-row').filter({ hasText: 'Termen la ora zece' })).toContainText('10:00');
});

test('a task: contact and partner picked without diacritics, deadline typed and shown in Bucharest time', async () => {
  await page.goto('/r/tasks/new');
  await page.getByTestId('field-title').fill('Sună-l pe Ștefan');
  await page.getByTestId('field-dueAt').fill('2026-03-10T10:00');
  await pick('field-contactId', 'stefan', CONTACT);
  await pick('field-partnerId', 'bras', PARTNER);
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Sună-l pe Ștefan');
  const task = await saved<{ dueAt: string; contactId: string; partnerId: string }>('tasks');
  expect(task.dueAt).toBe('2026-03-10T08:00:00.000Z');
  expect(task.partnerId).toBe(partnerId);
  await page.reload();
  await expect(page.getByTestId('field-dueAt')).toHaveValue('2026-03-10T10:00');
  await expect(page.getByTestId('field-contactId')).toHaveValue(CONTACT);
  await expect(page.getByTestId('field-partnerId')).toHaveValue(PARTNER);
  // the list shows the deadline in the same time
  await page.goto('/r/tasks');
  await page.getByTestId('quick-search').fill('suna-l pe stefan');
  await expect(page.getByTestId('record-row').filter({ hasText: 'Sună-l pe Ștefan' })).toContainText('10:00');
});

test('an event: contact picked, times in Bucharest summer time; the series picker lists events by subject', async () => {
  expect((await page.request.post('/api/v1/events', {
    data: { kind: 'meeting', subject: 'Ședință săptămânală', startsAt: '2026-07-13T06:00:00Z', endsAt: '2026-07-13T07:00:00Z' },
  })).status()).toBe(201);
  await page.goto('/r/events/new');
  await page.getByTestId('field-subject').fill('Întâlnire cu Ștefan');
  await page.getByTestId('field-startsAt').fill('2026-07-15T15:20');
  await page.getByTestId('field-endsAt').fill('2026-07-15T16:00');
  await pick('field-contactId', 'turcanu', CONTACT);
  await page.getByTestId('field-seriesId').click();
  await page.getByTestId('field-seriesId').fill('sedinta');
  await expect(page.getByRole('option', { name: 'Ședință săptămânală', exact: true })).toBeVisible();
  await page.getByTestId('field-seriesId').fill('');
  await page.keyboard.press('Escape');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText(/Întâlnire cu Ștefan|Eveniment|Event/);
  const event = await saved<{ startsAt: string; endsAt: string; seriesId: string | null }>('events');
  expect(event).toMatchObject({ startsAt: '2026-07-15T12:20:00.000Z', endsAt: '2026-07-15T13:00:00.000Z', seriesId: null });
  await page.reload();
  await expect(page.getByTestId('field-startsAt')).toHaveValue('2026-07-15T15:20');
  await expect(page.getByTestId('field-contactId')).toHaveValue(CONTACT);
});

test('an opportunity: contact picked without diacritics and saved', async () => {
  await page.goto('/r/opportunities/new');
  await page.getByTestId('field-name').fill('Flotă Brașov');
  await pick('field-contactId', 'STEFAN turc', CONTACT);
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Flotă Brașov');
  expect((await saved<{ contactId: string | null }>('opportunities')).contactId).toBeTruthy();
  await page.reload();
  await expect(page.getByTestId('field-contactId')).toHaveValue(CONTACT);
});

test('an unknown address says so, with a way back home', async () => {
  await page.goto('/aceasta/nu/exista');
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByTestId('not-found')).toContainText('/aceasta/nu/exista');
  await expect(page.getByTestId('welcome')).toHaveCount(0);
  await page.getByTestId('not-found-home').click();
  await expect(page.getByTestId('welcome')).toBeVisible();
  // a kind of record the app does not have, reached from a page: back returns there
  await page.goto('/r/nu-exista');
  await expect(page.getByTestId('not-found')).toBeVisible();
});
