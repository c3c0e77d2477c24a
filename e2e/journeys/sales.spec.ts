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

const LEAD = 'Depozit Ploiești SRL';
const column = (name: string) => page.locator(`[data-testid="board-column"][data-stage="${name}"]`);

test('a lead is given in turn from the leads list, then becomes a prospect with its first opportunity in one step', async () => {
  await page.goto('/r/partners/new');
  await page.getByTestId('field-name').fill(LEAD);
  await page.getByTestId('field-country').fill('RO');
  await page.getByTestId('field-status').click();
  await page.getByRole('option', { name: 'Lead', exact: true }).click();
  await page.getByTestId('field-leadSource').fill('Târg Construct');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('record-title')).toHaveText(LEAD);
  const leadUrl = page.url();

  // round-robin between two people, from the selection on the partners list
  await page.goto('/r/partners');
  await page.getByTestId('quick-search').fill('depozit ploiesti');
  await expect(page.getByTestId('record-row')).toHaveCount(1);
  await page.getByTestId('record-row').getByRole('checkbox').check();
  await page.getByTestId('assign-round-robin').click();
  await page.getByTestId('rotation-users').click();
  await page.getByRole('option', { name: 'Piotr Nowak' }).click();
  await page.getByRole('option', { name: 'Anna Kovács' }).click();
  // close the picker's list by a click on the dialog's title (Escape would close the dialog)
  await page.getByRole('dialog').locator('h2').click();
  // turns go by name: Anna first
  await expect(page.getByTestId('rotation-order').getByRole('listitem')).toHaveText([/^Anna Kovács/, /^Piotr Nowak/]);
  await expect(page.getByTestId('rotation-order').getByRole('listitem').filter({ has: page.getByTestId('rotation-next') })).toContainText('Anna Kovács');
  await page.getByTestId('assign-confirm').click();
  await expect(page.getByText('Leads assigned: Anna Kovács (1)')).toBeVisible();
  // the rotation remembers: on the assignment screen Piotr is next
  await page.getByTestId('list-action-assign-leads').click();
  await expect(page.getByTestId('rotation-order').getByRole('listitem').filter({ has: page.getByTestId('rotation-next') })).toContainText('Piotr Nowak');
  await expect(page.getByTestId('lead-table')).not.toContainText(LEAD);

  // lead → prospect + opportunity in one step
  await page.goto(leadUrl);
  await page.getByTestId('partner-convert').click();
  await page.getByTestId('partner-convert-opportunity').click();
  await page.getByTestId('partner-convert-confirm').click();
  await expect(page).toHaveURL(/\/r\/opportunities\/[0-9a-f-]+$/);
  await expect(page.getByTestId('record-title')).toHaveText(LEAD);
  await expect(page.getByTestId('field-partnerId')).toHaveValue(LEAD);
  await page.goto(leadUrl);
  await expect(page.getByTestId('field-status')).toHaveValue('Prospect');
});

test('the opportunity moves across the board: a stage that needs more is explained, a drag with the fields lands', async () => {
  await page.getByTestId('nav-sales').click();
  await expect(page.getByTestId('board-column')).toHaveCount(5);
  const card = column('1 Presentation').getByTestId('board-card').filter({ hasText: LEAD });
  await expect(card).toBeVisible();
  await card.getByTestId('card-move').click();
  await page.getByTestId('move-to').filter({ hasText: '2 Offer' }).click();
  await expect(page.getByTestId('board-problem')).toHaveText('The stage “2 Offer” needs: Amount');
  await expect(column('1 Presentation').getByTestId('board-card').filter({ hasText: LEAD })).toBeVisible();

  await card.getByRole('link').click();
  await expect(page.getByTestId('record-title')).toHaveText(LEAD);
  await page.getByTestId('field-amount').fill('125000.00');
  await page.getByTestId('field-currency').fill('RON');
  await page.getByTestId('save-record').click();
  await expect(page.getByText('Saved')).toBeVisible();

  await page.getByTestId('nav-sales').click();
  const ready = column('1 Presentation').getByTestId('board-card').filter({ hasText: LEAD });
  await ready.dragTo(column('2 Offer'));
  await expect(column('2 Offer').getByTestId('board-card').filter({ hasText: LEAD })).toBeVisible();
  await expect(column('2 Offer').getByTestId('column-count')).toHaveText('1');
  await expect(column('2 Offer')).toContainText('RON');
  await expect(page.getByTestId('funnel')).toContainText('2 Offer');
  // the server kept it: after a reload it is still there
  await page.reload();
  await expect(column('2 Offer').getByTestId('board-card').filter({ hasText: LEAD })).toBeVisible();
});

test('an offer is made from the opportunity in the Offer stage, e-mailed as PDF, accepted and becomes a confirmed order', async () => {
  await column('2 Offer').getByTestId('board-card').filter({ hasText: LEAD }).getByRole('link').click();
  await page.getByTestId('tab-documents').click();
  await page.getByTestId('make-order').click();
  await expect(page.getByTestId('make-problem')).toContainText('negotiation');
  await page.getByTestId('make-offer').click();
  await expect(page.getByTestId('record-title')).toHaveText(/^Offer OF-\d{4}-0001$/);
  await page.getByTestId('tab-document').click();
  await expect(page.getByTestId('document-status')).toHaveText('Draft');
  // 125,000.00 RON + 21 % VAT (the partner is Romanian)
  await expect(page.getByTestId('document-total')).toContainText('151,250.00');
  const pdf = await page.request.get(await page.getByTestId('document-pdf').getAttribute('href') ?? '');
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  await page.getByTestId('document-send').click();
  await page.getByTestId('document-send-to').fill('achizitii@petrom.example');
  await page.getByTestId('document-send-confirm').click();
  await expect(page.getByTestId('document-status')).toHaveText('Sent');
  await page.getByTestId('offer-accept').click();
  await expect(page.getByTestId('document-status')).toHaveText('Accepted');
  await page.getByTestId('offer-make-order').click();
  await expect(page.getByTestId('document-problem')).toContainText('order');

  // negotiation first, then the order
  await page.getByTestId('nav-sales').click();
  const card = column('2 Offer').getByTestId('board-card').filter({ hasText: LEAD });
  await card.getByTestId('card-move').click();
  await page.getByTestId('move-to').filter({ hasText: '3 Negotiation' }).click();
  await expect(page.getByTestId('board-problem')).toContainText('Expected close');
  await card.getByRole('link').click();
  // the date picker: a day of the month on show
  await page.getByTestId('field-expectedClose').click();
  await page.locator('table button:not([data-outside])').filter({ hasText: /^28$/ }).first().click();
  await page.getByTestId('save-record').click();
  await expect(page.getByText('Saved')).toBeVisible();
  await page.getByTestId('nav-sales').click();
  const ready = column('2 Offer').getByTestId('board-card').filter({ hasText: LEAD });
  await ready.getByTestId('card-move').click();
  await page.getByTestId('move-to').filter({ hasText: '3 Negotiation' }).click();
  await expect(column('3 Negotiation').getByTestId('board-card').filter({ hasText: LEAD })).toBeVisible();

  await page.goto('/r/offers');
  await page.getByTestId('record-link').first().click();
  await page.getByTestId('tab-document').click();
  // the offer as it is now (accepted, its opportunity in negotiation) before the order is made
  await expect(page.getByTestId('document-status')).toHaveText('Accepted');
  await page.getByTestId('offer-make-order').click();
  await expect(page.getByTestId('record-title')).toHaveText(/^Order CMD-\d{4}-0001$/);
  await page.getByTestId('tab-document').click();
  await expect(page.getByTestId('document-status')).toHaveText('Draft');
  await expect(page.getByTestId('document-total')).toContainText('151,250.00');
  await page.getByTestId('order-confirm').click();
  await expect(page.getByTestId('document-status')).toHaveText('Confirmed');
});

test('the turnover report shows the confirmed order once the currency has a rate', async () => {
  await page.getByTestId('nav-sales-reports').click();
  await page.getByTestId('report-kind').getByText('Turnover').click();
  await expect(page.getByTestId('report-missing-rates')).toContainText('RON');
  await page.goto('/settings/exchange-rates');
  await page.getByTestId('rate-currency').click();
  await page.getByRole('option', { name: 'RON', exact: true }).click();
  await page.getByTestId('rate-value').fill('0.2');
  await page.getByTestId('rate-save').click();
  await expect(page.getByTestId('exchange-rates')).toContainText('0.2');
  await page.goto('/sales/reports');
  await page.getByTestId('report-kind').getByText('Turnover').click();
  await page.getByTestId('turnover-by').getByText('Client').click();
  // 125,000.00 RON net × 0.2 = 25,000.00 in the base currency
  await expect(page.getByTestId('report-table')).toContainText(LEAD);
  await expect(page.getByTestId('report-table')).toContainText('25,000.00');
  await page.getByTestId('report-kind').getByText('Forecast').click();
  await expect(page.getByTestId('forecast-summary')).toBeVisible();
  // the lead of this journey: one lead from the fair, converted, its opportunity in negotiation
  await page.getByTestId('report-kind').getByText('Lead conversion').click();
  await expect(page.getByTestId('report-table').getByRole('row').filter({ hasText: 'Târg Construct' }).getByRole('cell').nth(2)).toHaveText('1');
  await page.getByTestId('report-kind').getByText('Funnel').click();
  await expect(page.getByTestId('report-table').getByRole('row').filter({ hasText: '3 Negotiation' })).toContainText('25,000.00');
});

