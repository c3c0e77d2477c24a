import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';

// Runs after the shell journey (see playwright.config.ts), in the workspace it set up.
test.describe.configure({ mode: 'serial' });

const admin = { email: 'anna@kovacs.hu', password: 'nagyon-jo-jelszo' };
let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await page.goto('/');
  await page.getByTestId('email').fill(admin.email);
  await page.getByTestId('password').fill(admin.password);
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('welcome')).toBeVisible();
});
test.afterAll(async () => {
  await page.close();
});

/** A Romanian CUI with its real check digit (weights 7 5 3 2 1 7 5 3 2). */
function cui(base: number): string {
  const digits = String(base).padStart(9, '0').split('').map(Number);
  const weights = [7, 5, 3, 2, 1, 7, 5, 3, 2];
  const sum = digits.reduce((s, d, i) => s + d * weights[i]!, 0);
  const check = ((sum * 10) % 11) % 10;
  return `${base}${check}`;
}

/** 1,000 partners named in Romanian, Polish, Hungarian and Ukrainian; five with a wrong tax ID. */
function partnersCsv(): { csv: string; bad: number } {
  const kinds = [
    (i: number) => [`Brânzeturi Ardelene ${i} SRL`, 'Cluj-Napoca', 'RO'],
    (i: number) => [`Zakład Łódzki ${i} Sp. z o.o.`, 'Łódź', 'PL'],
    (i: number) => [`Őrség Kereskedelmi ${i} Kft.`, 'Győr', 'HU'],
    (i: number) => [`ТОВ Київська Зоря ${i}`, 'Київ', 'UA'],
  ];
  const lines = ['Denumire;Țara;Oraș;CUI;E-mail;Stare'];
  let bad = 0;
  for (let i = 1; i <= 1000; i++) {
    const [name, city, country] = kinds[i % 4]!(i);
    const good = cui(1000000 + i);
    // the first Romanian rows carry a wrong check digit
    const wrong = i <= 20 && country === 'RO' ? `${1000000 + i}${(Number(good.slice(-1)) + 1) % 10}` : null;
    if (wrong) bad++;
    const taxId = country === 'RO' ? `RO${wrong ?? good}` : '';
    lines.push([name, country, city, taxId, `office${i}@firma${i}.example`, i % 3 ? 'client' : 'prospect'].join(';'));
  }
  return { csv: `${lines.join('\r\n')}\r\n`, bad };
}

const thousands = (n: number) => n.toLocaleString('en');

test('imports 1,000 partners from a CSV: mapping suggested, dry run, import with progress, rejected rows downloadable', async () => {
  const { csv, bad: badRows } = partnersCsv();
  expect(badRows).toBe(5);
  await page.goto('/r/partners');
  await page.getByTestId('import-records').click();
  await page.locator('input[type="file"]').setInputFiles({ name: 'parteneri-1000.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('import-upload').click();
  await expect(page.getByTestId('import-file-name')).toHaveText('parteneri-1000.csv');
  await expect(page.getByTestId('import-delimiter')).toHaveValue('Semicolon');
  await expect(page.getByTestId('import-target-0')).toHaveValue('Name *');
  await expect(page.getByTestId('import-target-3')).toHaveValue('Tax ID');
  await expect(page.getByTestId('import-preview')).toContainText('Zakład Łódzki 1 Sp. z o.o.');

  await page.getByTestId('import-dry-run').click();
  await expect(page.getByTestId('import-status')).toHaveText('Finished', { timeout: 60_000 });
  await expect(page.getByTestId('import-created')).toHaveText(thousands(1000 - badRows));
  await expect(page.getByTestId('import-rejected')).toHaveText(String(badRows));
  await expect(page.getByTestId('import-rejected-table')).toContainText('The check digit is wrong');
  const download = page.waitForEvent('download');
  await page.getByTestId('import-download-rejected').click();
  const file = readFileSync(await (await download).path(), 'utf8');
  expect(file.split('\r\n').filter(Boolean)).toHaveLength(badRows + 1);
  expect(file).toContain('The check digit is wrong');

  await page.getByTestId('import-run-now').click();
  await expect(page.getByTestId('import-status')).toHaveText('Finished', { timeout: 90_000 });
  await expect(page.getByTestId('import-created')).toHaveText(thousands(1000 - badRows));

  // found by typing without diacritics, in Latin letters for Cyrillic names
  await page.getByTestId('import-open-list').click();
  // each search waits for its hit, then for the list to hold nothing else
  for (const [typed, found] of [
    ['zaklad lodzki 997', 'Zakład Łódzki 997 Sp. z o.o.'],
    ['kyivska zoria 999', 'ТОВ Київська Зоря 999'],
    ['orseg kereskedelmi 998', 'Őrség Kereskedelmi 998 Kft.'],
  ] as const) {
    await page.getByTestId('quick-search').fill(typed);
    await expect(page.getByTestId('record-row').filter({ hasText: found })).toBeVisible();
    await expect(page.getByTestId('record-row')).toHaveCount(1);
  }

  // the same file again lands nothing new: every good row is a duplicate now
  await page.goto('/import/partners');
  await page.locator('input[type="file"]').setInputFiles({ name: 'parteneri-1000.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('import-upload').click();
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-status')).toHaveText('Finished', { timeout: 90_000 });
  await expect(page.getByTestId('import-created')).toHaveText('0');
  await expect(page.getByTestId('import-duplicates')).toHaveText(thousands(1000 - badRows));
});

test('a quote left open: in the header the file is explained; in a row that row is reported and the rows after it imported', async () => {
  await page.goto('/import/partners');
  await page.locator('input[type="file"]').setInputFiles({ name: 'rupt.csv', mimeType: 'text/csv', buffer: Buffer.from('"Nume;Oraș\nFără ghilimea de închidere;Cluj\n') });
  await page.getByTestId('import-upload').click();
  await expect(page.getByTestId('import-problem')).toContainText('A quoted cell is not closed properly');

  await page.goto('/import/partners');
  const file = ['Nume;Oraș;Țara', 'Alfa Ghilimele SRL;Cluj;RO', '"Ghilimele rupte SRL;Cluj;RO', 'Beta Ghilimele SRL;Sibiu;RO', '"Gama ""Ghilimele""";Arad;RO'].join('\n');
  await page.locator('input[type="file"]').setInputFiles({ name: 'ghilimele.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await page.getByTestId('import-upload').click();
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-status')).toHaveText('Finished', { timeout: 60_000 });
  await expect(page.getByTestId('import-created')).toHaveText('3');
  await expect(page.getByTestId('import-rejected')).toHaveText('1');
  const row = page.getByTestId('import-rejected-table').getByRole('row').filter({ hasText: 'Nume: A quote opened in this cell is not closed on its line' });
  await expect(row).toContainText('3');
});

/** Text in Windows-1250, the code page of older Central European Windows programs (from the decoder's own table). */
function windows1250(text: string): Buffer {
  const decoder = new TextDecoder('windows-1250');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((c) => table.get(c)!));
}

test('offers to write ş ţ from a Romanian Windows-1250 file as ș ț, and imports them so', async () => {
  await page.goto('/import/partners');
  const file = windows1250('Denumire;Oraş\r\nŞcoala Ţesătorilor Ardeleni SRL;Timişoara\r\nFabrica de Ţuică Bistriţa SA;Bistriţa\r\n');
  await page.locator('input[type="file"]').setInputFiles({ name: 'parteneri-vechi.csv', mimeType: 'text/csv', buffer: file });
  await page.getByTestId('import-upload').click();
  await expect(page.getByTestId('import-encoding')).toHaveValue('windows-1250');
  // suggested for a Romanian file: ticked, and the preview shows the letters as they will be written
  await expect(page.getByTestId('import-correct-cedillas')).toBeChecked();
  await expect(page.getByTestId('import-preview')).toContainText('Școala Țesătorilor Ardeleni SRL');
  await page.getByTestId('import-correct-cedillas').uncheck();
  await expect(page.getByTestId('import-preview')).toContainText('Şcoala Ţesătorilor Ardeleni SRL');
  await page.getByTestId('import-correct-cedillas').check();
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-status')).toHaveText('Finished', { timeout: 60_000 });
  await expect(page.getByTestId('import-created')).toHaveText('2');

  await page.getByTestId('import-open-list').click();
  await page.getByTestId('quick-search').fill('scoala tesatorilor ardeleni');
  await expect(page.getByTestId('record-row').filter({ hasText: 'Școala Țesătorilor Ardeleni SRL' })).toBeVisible();
  await expect(page.getByTestId('record-row')).toHaveCount(1);
  await page.getByTestId('record-row').getByText('Școala Țesătorilor Ardeleni SRL').click();
  await expect(page.getByTestId('record-title')).toHaveText('Școala Țesătorilor Ardeleni SRL');
  await expect(page.getByRole('textbox', { name: 'City' })).toHaveValue('Timișoara');
});
