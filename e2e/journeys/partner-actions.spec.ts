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

test('a business card becomes a prospect with one button, keeping its history', async () => {
  await newPartner('Carte de vizită Ionescu', 'lead');
  await page.getByTestId('partner-convert').click();
  await page.getByTestId('partner-convert-prospect').click();
  await expect(page.getByTestId('field-status')).toHaveValue('prospect');
  await expect(page.getByTestId('partner-convert')).toHaveCount(0);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('tab-history')).toBeVisible();
});

test('two partners whose names differ only by diacritics are found and merged into one', async () => {
  await newPartner('Kovács és Társa Építő Kft.');
  await newPartner('Kovacs es Tarsa Epito Kft');
  await page.getByTestId('partner-duplicates').click();
  const pair = page.getByTestId('duplicate-pair').filter({ hasText: 'Kovács és Társa Építő Kft.' });
  await expect(pair).toHaveCount(1);
  await pair.getByTestId('duplicate-merge').click();
  await page.getByTestId('merge-keep-b').click();
  await page.getByTestId('merge-confirm').click();
  await expect(page.getByTestId('duplicate-pair').filter({ hasText: 'Kovacs es Tarsa Epito Kft' })).toHaveCount(0);
  await page.goto('/r/partners');
  await page.getByTestId('quick-search').fill('tarsa epito');
  await expect(page.getByTestId('record-row')).toHaveCount(1);
});

test('a person’s data is exported as JSON and erased after a typed confirmation', async () => {
  await page.goto('/r/contacts/new');
  await page.getByTestId('field-firstName').fill('Erika');
  await page.getByTestId('field-lastName').fill('Szabó-Nagy');
  await page.getByTestId('field-email').fill('erika@szabo.example');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Erika Szabó-Nagy');
  const download = page.waitForEvent('download');
  await page.getByTestId('contact-export-data').click();
  const data = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(JSON.stringify(data)).toContain('erika@szabo.example');

  await page.getByTestId('contact-erase').click();
  await expect(page.getByTestId('contact-erase-confirm')).toBeDisabled();
  await page.getByTestId('contact-erase-name').fill('Erika Szabó-Nagy');
  await page.getByTestId('contact-erase-confirm').click();
  await expect(page).toHaveURL(/\/r\/contacts$/);
  await page.getByTestId('quick-search').fill('erika');
  await expect(page.getByTestId('record-row')).toHaveCount(0);
});
