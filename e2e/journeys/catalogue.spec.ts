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

// a real 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('a product gets a photo that shows on its page; a file that is no image is refused', async () => {
  await page.goto('/r/products/new');
  await page.getByTestId('field-code').fill('FOTO-01');
  await page.getByTestId('field-name').fill('Țiglă ceramică roșie');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Țiglă ceramică roșie');
  await expect(page.getByTestId('product-photo')).toHaveCount(0);

  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('product-photo-upload').click();
  await (await chooser).setFiles({ name: 'tigla.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByTestId('product-photo')).toBeVisible();
  // the browser decoded the image served back
  await expect.poll(() => page.getByTestId('product-photo').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);

  // a text file named like an image is read by its content and refused; the photo stays
  const second = page.waitForEvent('filechooser');
  await page.getByTestId('product-photo-upload').click();
  await (await second).setFiles({ name: 'not-a-photo.png', mimeType: 'image/png', buffer: Buffer.from('just text, not an image') });
  await expect(page.getByText(/are not accepted/).first()).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('product-photo')).toBeVisible();

  await page.getByTestId('product-photo-remove').click();
  await expect(page.getByTestId('product-photo')).toHaveCount(0);
});
