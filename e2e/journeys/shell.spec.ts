import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';

// One story through the shell on a fresh server: each step builds on the one before.
test.describe.configure({ mode: 'serial' });

const admin = { email: 'anna@kovacs.hu', password: 'nagyon-jo-jelszo', name: 'Anna Kovács' };
const member = { email: 'piotr@nowak.pl', password: 'hasło-bardzo-dobre', name: 'Piotr Nowak' };
let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
});
test.afterAll(async () => {
  await page.close();
});

async function signIn(email: string, password: string) {
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('sign-in').click();
}

test('first run: set up the workspace and the administrator', async () => {
  await page.goto('/');
  await page.getByTestId('setup-workspace').fill('Kovács és Társa Kft.');
  await page.getByTestId('setup-name').fill(admin.name);
  await page.getByTestId('setup-email').fill(admin.email);
  await page.getByTestId('setup-password').fill('short');
  await page.getByTestId('setup-submit').click();
  await expect(page.getByText('At least 8 characters')).toBeVisible();
  await page.getByTestId('setup-password').fill(admin.password);
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('welcome')).toHaveText(`Welcome, ${admin.name}`);
});

test('switch the language, kept for the user across reloads', async () => {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('language-ro').click();
  await expect(page.getByTestId('welcome')).toHaveText(`Bun venit, ${admin.name}`);
  await page.reload();
  await expect(page.getByTestId('welcome')).toHaveText(`Bun venit, ${admin.name}`);
  await expect(page.getByTestId('nav-settings')).toHaveText('Setări');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('language-uk').click();
  await expect(page.getByTestId('welcome')).toHaveText(`Вітаємо, ${admin.name}`);
  await page.getByTestId('user-menu').click();
  await page.getByTestId('language-en').click();
  await expect(page.getByTestId('welcome')).toHaveText(`Welcome, ${admin.name}`);
});

test('create, edit and see the history of a record', async () => {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-org-units').click();
  await page.getByTestId('new-record').click();
  await page.getByTestId('save-record').click();
  await expect(page.getByText('Required')).toBeVisible();
  await page.getByTestId('field-name').fill('Vânzări Iași');
  await page.getByTestId('field-code').fill('V-IS');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Vânzări Iași');
  await page.getByTestId('field-code').fill('VIS-1');
  await page.getByTestId('save-record').click();
  await expect(page.getByText('Saved').first()).toBeVisible();
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history')).toContainText('V-IS → VIS-1');
});

test('find records by quick search without diacritics and by the filter builder', async () => {
  await page.goto('/r/org-units');
  await page.getByTestId('new-record').click();
  await page.getByTestId('field-name').fill('Łódź Logistyka');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Łódź Logistyka');
  await page.goto('/r/org-units');
  await expect(page.getByTestId('record-row')).toHaveCount(3);
  await page.getByTestId('quick-search').fill('vanzari');
  await expect(page.getByTestId('record-row')).toHaveCount(1);
  await expect(page.getByTestId('record-row')).toContainText('Vânzări Iași');
  await page.getByTestId('quick-search').fill('');
  await expect(page.getByTestId('record-row')).toHaveCount(3);
  await page.getByTestId('filters').click();
  await page.getByTestId('add-filter').click();
  await page.getByTestId('filter-value').fill('lodz');
  await expect(page.getByTestId('record-row')).toHaveCount(1);
  await expect(page.getByTestId('record-row')).toContainText('Łódź Logistyka');
});

test('export the current list as CSV', async () => {
  await page.keyboard.press('Escape');
  await page.getByTestId('export').click();
  // Excel first (the default download), then CSV split as an English spreadsheet expects, then the other way
  await expect(page.getByRole('menuitem')).toHaveText(['Excel file', 'CSV file, separated by commas (,)', 'CSV file, separated by semicolons (;)']);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text).toContain('Łódź Logistyka');
  expect(text).not.toContain('Vânzări Iași');
  // a BOM so Excel reads the diacritics, and the field labels as headers, not internal names
  expect(text.startsWith('\ufeffName,')).toBe(true);
  await page.getByTestId('export').click();
  const [other] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-other').click()]);
  const semicolons = readFileSync((await other.path())!, 'utf8');
  expect(semicolons.startsWith('\ufeffName;')).toBe(true);
  expect(semicolons).toContain('Łódź Logistyka');
});

test('administrators add a custom field that appears in forms and filters', async () => {
  await page.goto('/settings/custom-fields');
  await page.getByTestId('new-custom-field').click();
  await page.getByTestId('cf-entity').click();
  await page.getByRole('option', { name: 'Org unit' }).click();
  await page.getByTestId('cf-key').fill('costCentre');
  await page.getByTestId('cf-label-en').fill('Cost centre');
  await page.getByTestId('cf-label-ro').fill('Centru de cost');
  await page.getByTestId('cf-save').click();
  await expect(page.getByTestId('custom-field-row')).toContainText('Cost centre');
  await page.goto('/r/org-units');
  await page.getByTestId('record-link').filter({ hasText: 'Vânzări Iași' }).click();
  await page.getByTestId('field-custom.costCentre').fill('CC-42');
  await page.getByTestId('save-record').click();
  await expect(page.getByText('Saved').first()).toBeVisible();
  await page.goto('/r/org-units');
  await page.getByTestId('filters').click();
  await page.getByTestId('add-filter').click();
  await page.getByTestId('filter-field').click();
  await page.getByRole('option', { name: 'Cost centre' }).click();
  await page.getByTestId('filter-value').fill('cc-42');
  await expect(page.getByTestId('record-row')).toHaveCount(1);
  await expect(page.getByTestId('record-row')).toContainText('Vânzări Iași');
});

test('bulk update sets a field on the selected records', async () => {
  await page.goto('/r/org-units');
  await expect(page.getByTestId('record-row')).toHaveCount(3);
  const rows = page.getByTestId('record-row');
  await rows.filter({ hasText: 'Vânzări Iași' }).getByRole('checkbox').check();
  await rows.filter({ hasText: 'Łódź Logistyka' }).getByRole('checkbox').check();
  await page.getByTestId('bulk-update').click();
  await page.getByTestId('bulk-field').click();
  await page.getByRole('option', { name: 'Code' }).click();
  await page.getByTestId('field-bulkValue').fill('BULK');
  await page.getByTestId('bulk-apply').click();
  await expect(page.getByText('Changed 2 of 2')).toBeVisible();
  await expect(rows.filter({ hasText: 'BULK' })).toHaveCount(2);
});

test('roles: grant permissions in the matrix; groups: add members', async () => {
  await page.goto('/r/roles/new');
  await page.getByTestId('field-name').fill('Sales rep');
  await page.getByTestId('grant-partners-read').click();
  await page.getByRole('option', { name: 'all', exact: true }).click();
  await page.getByTestId('grant-partners-update').click();
  await page.getByRole('option', { name: 'own', exact: true }).click();
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Sales rep');
  const roles = await (await page.request.get(`/api/v1/roles?q=${encodeURIComponent('Sales rep')}`)).json();
  expect(roles.data[0].grants).toEqual({ partners: { read: 'all', update: 'own' } });

  await page.goto('/r/groups/new');
  await page.getByTestId('field-name').fill('Echipa Nord');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Echipa Nord');
  await page.getByTestId('tab-links').click();
  await page.getByTestId('links-userIds').click();
  await page.getByRole('option', { name: admin.name }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('save-userIds').click();
  await expect(page.getByText('Saved').first()).toBeVisible();
  const groupId = new URL(page.url()).pathname.split('/').pop()!;
  const links = await (await page.request.get(`/api/v1/groups/${groupId}/links`)).json();
  expect(links.userIds).toHaveLength(1);
});

test('outgoing mail: administrators see how mail is sent and the outbox', async () => {
  await page.goto('/settings');
  await page.getByTestId('settings-mail-outbox').click();
  await expect(page.getByTestId('mail-settings')).toContainText('No SMTP server is set');
});

test('command palette: Ctrl+K finds a record and opens it', async () => {
  await page.goto('/');
  await expect(page.getByTestId('welcome')).toBeVisible();
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('vanzari iasi');
  const hit = page.getByTestId('palette-hit').first();
  await expect(hit).toContainText('Vânzări Iași', { timeout: 15_000 });
  await hit.click();
  await expect(page.getByTestId('record-title')).toHaveText('Vânzări Iași');
});

test('partners: a wrong tax ID is explained, a company gets a contact, is found without diacritics and shows its timeline', async () => {
  await page.goto('/');
  await page.getByTestId('nav-partners').click();
  await page.getByTestId('new-record').click();
  await page.getByTestId('field-name').fill('Petrom Distribuție SRL');
  await page.getByTestId('field-country').fill('RO');
  await page.getByTestId('field-taxId').fill('1590083');
  await page.getByTestId('save-record').click();
  await expect(page.getByText('The check digit is wrong: please check the number')).toBeVisible();
  await page.getByTestId('field-taxId').fill('RO 1590082');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Petrom Distribuție SRL');
  await expect(page.getByTestId('field-taxId')).toHaveValue('RO1590082');
  const partnerUrl = page.url();

  await page.goto('/r/contacts/new');
  await page.getByTestId('field-firstName').fill('Ștefan');
  await page.getByTestId('field-lastName').fill('Munteanu');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Ștefan Munteanu');

  await page.goto(partnerUrl);
  await page.getByTestId('tab-contacts').click();
  await page.getByTestId('link-contact').click();
  await page.getByRole('option', { name: 'Ștefan Munteanu' }).click();
  await page.getByTestId('link-role').fill('Director achiziții');
  await page.getByTestId('link-save').click();
  await expect(page.getByTestId('partner-contacts')).toContainText('Director achiziții');

  await page.goto('/r/partners');
  await page.getByTestId('quick-search').fill('petrom distributie');
  await expect(page.getByTestId('record-row')).toHaveCount(1);
  await page.getByTestId('record-link').first().click();
  await page.getByTestId('tab-timeline').click();
  await expect(page.getByTestId('partner-timeline')).toContainText('Partner · created', { timeout: 15_000 });
});

test('a member without permissions is refused administration', async () => {
  await page.goto('/r/users/new');
  await page.getByTestId('field-name').fill(member.name);
  await page.getByTestId('field-email').fill(member.email);
  await page.getByTestId('field-password').fill(member.password);
  await page.getByTestId('field-locale').click();
  await page.getByRole('option', { name: 'Polski', exact: true }).click();
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText(member.name);
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await signIn(member.email, 'wrong password');
  await expect(page.getByTestId('sign-in-error')).toBeVisible();
  await signIn(member.email, member.password);
  await expect(page.getByTestId('welcome')).toHaveText(`Witaj, ${member.name}`);
  await page.goto('/settings/mail-outbox');
  await expect(page.getByText('Nie masz uprawnień do tej czynności.')).toBeVisible();
  await page.goto('/r/org-units');
  await expect(page.getByTestId('record-row').first()).toBeVisible();
  await expect(page.getByTestId('new-record')).toHaveCount(0);
  const refused = await page.request.post('/api/v1/org-units', { data: { name: 'Hack' } });
  expect(refused.status()).toBe(403);
});

test('a notification arrives without reloading the page', async ({ playwright }) => {
  await page.goto('/');
  await expect(page.getByTestId('welcome')).toBeVisible();
  await expect(page.getByTestId('unread-count')).not.toContainText('1');
  const memberId = ((await (await page.request.get('/api/v1/me')).json()) as { user: { id: string } }).user.id;
  const adminApi = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  expect((await adminApi.post('/api/auth/sign-in/email', { data: { email: admin.email, password: admin.password } })).status()).toBe(200);
  const role = await adminApi.post('/api/v1/roles', { data: { name: 'Handlowiec', grants: { partners: { read: 'all' } } } });
  expect(role.status()).toBe(201);
  const changed = await adminApi.put(`/api/v1/users/${memberId}/roles`, { data: { roleIds: [(await role.json()).id] } });
  expect(changed.status()).toBe(200);
  await expect(page.getByText(`${admin.name} zmienił(a) Twoje uprawnienia`).first()).toBeVisible();
  await expect(page.getByTestId('unread-count')).toContainText('1');
  await adminApi.dispose();
});

test('works at phone width', async () => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Otwórz menu' })).toBeVisible();
  await page.getByRole('button', { name: 'Otwórz menu' }).click();
  await expect(page.getByTestId('nav-settings')).toBeVisible();
});
