import { readFileSync } from 'node:fs';
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

async function newPartner(name: string, status?: string) {
  await page.goto('/r/partners/new');
  await page.getByTestId('field-name').fill(name);
  if (status) {
    await page.getByTestId('field-status').click();
    await page.getByRole('option', { name: status, exact: true }).click();
  }
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText(name);
}

test('a business card becomes a prospect with one button and a confirmation, keeping its history', async () => {
  await newPartner('Carte de vizită Ionescu', 'Lead');
  await page.getByTestId('partner-convert').click();
  await page.getByTestId('partner-convert-prospect').click();
  await expect(page.getByRole('dialog')).toContainText('“Carte de vizită Ionescu” becomes a prospect');
  await page.getByTestId('partner-convert-confirm').click();
  await expect(page.getByTestId('field-status')).toHaveValue('Prospect');
  await expect(page.getByTestId('partner-convert')).toHaveCount(0);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history')).toContainText('converted');
});

test('two partners whose names differ only by diacritics are found and merged into the one chosen', async () => {
  await newPartner('Kovács és Társa Kft.');
  const keptUrl = page.url();
  await newPartner('Kovacs es Tarsa Kft');
  const duplicateUrl = page.url();
  // the screen of all duplicates, linked from the list, has the pair (and none of the import
  // journey's 1,000 partners, whose names differ by their numbers)
  await page.goto('/r/partners');
  await page.getByTestId('list-action-duplicates').click();
  await expect(page.getByTestId('duplicate-pair').filter({ hasText: 'Kovács és Társa Kft.' })).toHaveCount(1);
  await expect(page.getByTestId('duplicate-pair').filter({ hasText: 'Ardelene' })).toHaveCount(0);
  await page.goto(duplicateUrl);
  await page.getByTestId('partner-duplicates').click();
  const pair = page.getByTestId('duplicate-pair').filter({ hasText: 'Kovács és Társa Kft.' });
  await expect(pair).toHaveCount(1);
  await expect(pair).toContainText('names alike');
  await pair.getByTestId('duplicate-merge').click();
  const choice = page.getByTestId('merge-choice');
  await expect(choice).toContainText('Kovacs es Tarsa Kft');
  // the partner page it came from is offered as the one kept; the user keeps the other
  await choice.locator('[data-testid^="merge-keep-"]', { hasText: 'Kovács és Társa Kft.' }).click();
  await expect(page.getByTestId('merge-confirm')).toHaveText('Merge into “Kovács és Társa Kft.”');
  await page.getByTestId('merge-confirm').click();
  await expect(page.getByTestId('no-duplicates')).toBeVisible();
  await expect(page.getByTestId('duplicates-all')).toHaveAttribute('href', '/partners/duplicates');

  // the other one went to the trash: its page no longer opens
  await page.goto(duplicateUrl);
  await expect(page.getByText('This does not exist or is not visible to you.')).toBeVisible();
  await page.goto(keptUrl);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history')).toContainText('merged');
  await page.goto('/r/partners');
  await page.getByTestId('quick-search').fill('kovacs es tarsa');
  await expect(page.getByTestId('record-row')).toHaveCount(1);
});

test('further addresses are kept as rows of a table, each value in its own field', async () => {
  await newPartner('Depozite Multiple SRL');
  await page.getByTestId('addresses-add').click();
  await page.getByTestId('addresses-0-type').click();
  await page.getByRole('option', { name: 'Delivery', exact: true }).click();
  await page.getByTestId('addresses-0-city').fill('Ploiești');
  await page.getByTestId('addresses-0-street').fill('Str. Depozitelor 3');
  await page.getByTestId('addresses-add').click();
  // an entry without its required type is explained on save and nothing is written
  await page.getByTestId('addresses-1-city').fill('Brașov');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('field-addresses')).toContainText(/required|Invalid/i);
  await page.getByTestId('addresses-1-remove').click();
  await page.getByTestId('save-record').click();
  await expect(page.getByText('Saved')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('addresses-0-city')).toHaveValue('Ploiești');
  await expect(page.getByTestId('addresses-0-type')).toHaveValue('Delivery');
  await expect(page.getByTestId('addresses-1-city')).toHaveCount(0);
});

async function newContact(firstName: string, lastName: string, email?: string) {
  await page.goto('/r/contacts/new');
  await page.getByTestId('field-firstName').fill(firstName);
  await page.getByTestId('field-lastName').fill(lastName);
  if (email) await page.getByTestId('field-email').fill(email);
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText(`${firstName} ${lastName}`);
}

test('a person entered twice is merged into the other record, chosen with the contact picker', async () => {
  await newContact('Oleksandra', 'Bondarenko', 'oleksandra@bondarenko.example');
  const keptUrl = page.url();
  await newContact('Oleksandra', 'Bondarenko');
  await page.getByTestId('contact-merge').click();
  await page.getByTestId('contact-merge-other').fill('bondarenko');
  await page.getByRole('option', { name: 'Oleksandra Bondarenko · oleksandra@bondarenko.example' }).click();
  await expect(page.getByTestId('merge-choice')).toContainText('kept');
  await page.getByTestId('merge-confirm').click();
  await expect(page).toHaveURL(keptUrl);
  await expect(page.getByTestId('field-email')).toHaveValue('oleksandra@bondarenko.example');
  await page.goto('/r/contacts');
  await page.getByTestId('quick-search').fill('oleksandra bondarenko');
  await expect(page.getByTestId('record-row')).toHaveCount(1);
});

test('a person written in Cyrillic and in Latin letters is found as a duplicate from the contact and merged', async () => {
  await newContact('Mykola', 'Tkachenko', 'mykola@tkachenko.example');
  const keptUrl = page.url();
  await newContact('Микола', 'Ткаченко');
  await page.getByTestId('contact-duplicates').click();
  const pair = page.getByTestId('duplicate-pair').filter({ hasText: 'Mykola Tkachenko' });
  await expect(pair).toHaveCount(1);
  await expect(pair).toContainText('names alike');
  await pair.getByTestId('duplicate-merge').click();
  await page.getByTestId('merge-choice').locator('[data-testid^="merge-keep-"]', { hasText: 'Mykola Tkachenko' }).click();
  await page.getByTestId('merge-confirm').click();
  await expect(page.getByTestId('no-duplicates')).toBeVisible();
  // the list of all contact duplicates, linked from the contacts list, no longer has them
  await page.goto('/r/contacts');
  await page.getByTestId('list-action-duplicates').click();
  await expect(page.getByTestId('duplicates-page')).toBeVisible();
  await expect(page.getByTestId('duplicate-pair').filter({ hasText: 'Tkachenko' })).toHaveCount(0);
  await page.goto(keptUrl);
  await expect(page.getByTestId('field-email')).toHaveValue('mykola@tkachenko.example');
});

test('a person’s data is exported as JSON and erased after a typed confirmation', async () => {
  await newContact('Erika', 'Szabó-Nagy', 'erika@szabo.example');
  const download = page.waitForEvent('download');
  await page.getByTestId('contact-export-data').click();
  expect((await download).suggestedFilename()).toMatch(/^personal-data-erika-szabó-nagy-[0-9a-f]{8}\.json$/);
  const data = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(data.contact.email).toBe('erika@szabo.example');

  await page.getByTestId('contact-erase').click();
  await expect(page.getByTestId('contact-erase-confirm')).toBeDisabled();
  await page.getByTestId('contact-erase-name').fill('Erika Szabo-Nagy');
  await expect(page.getByTestId('contact-erase-confirm')).toBeDisabled();
  await page.getByTestId('contact-erase-name').fill('Erika Szabó-Nagy');
  await page.getByTestId('contact-erase-confirm').click();
  await expect(page).toHaveURL(/\/r\/contacts$/);
  await page.getByTestId('quick-search').fill('erika');
  await expect(page.getByTestId('record-row')).toHaveCount(0);
});
