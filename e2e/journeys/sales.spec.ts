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

const column = (name: string) => page.locator(`[data-testid="board-column"][data-stage="${name}"]`);

test('an opportunity moves across the board: a stage that needs more is explained, a drag with the fields lands', async () => {
  await page.getByTestId('nav-sales').click();
  await expect(page.getByTestId('board-column')).toHaveCount(5);
  await page.getByTestId('new-opportunity').click();
  await page.getByTestId('field-name').fill('Modernizare depozit Ploiești');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText('Modernizare depozit Ploiești');
  const url = page.url();

  await page.getByTestId('nav-sales').click();
  const card = column('1 Presentation').getByTestId('board-card').filter({ hasText: 'Modernizare depozit Ploiești' });
  await expect(card).toBeVisible();
  await card.getByTestId('card-move').click();
  await page.getByTestId('move-to').filter({ hasText: '2 Offer' }).click();
  await expect(page.getByTestId('board-problem')).toHaveText('The stage “2 Offer” needs: Partner, Amount');
  await expect(column('1 Presentation').getByTestId('board-card').filter({ hasText: 'Modernizare depozit Ploiești' })).toBeVisible();

  await page.goto(url);
  await page.getByTestId('field-partnerId').click();
  await page.getByRole('option', { name: 'Petrom Distribuție SRL' }).click();
  await page.getByTestId('field-amount').fill('125000.00');
  await page.getByTestId('field-currency').fill('RON');
  await page.getByTestId('save-record').click();
  await expect(page.getByText('Saved')).toBeVisible();

  await page.getByTestId('nav-sales').click();
  const ready = column('1 Presentation').getByTestId('board-card').filter({ hasText: 'Modernizare depozit Ploiești' });
  await ready.dragTo(column('2 Offer'));
  await expect(column('2 Offer').getByTestId('board-card').filter({ hasText: 'Modernizare depozit Ploiești' })).toBeVisible();
  await expect(column('2 Offer').getByTestId('column-count')).toHaveText('1');
  await expect(column('2 Offer')).toContainText('RON');
  await expect(page.getByTestId('funnel')).toContainText('2 Offer');
  // the server kept it: after a reload it is still there
  await page.reload();
  await expect(column('2 Offer').getByTestId('board-card').filter({ hasText: 'Modernizare depozit Ploiești' })).toBeVisible();
});
