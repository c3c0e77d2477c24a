// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setLanguage } from '../../app/i18n.ts';
import PriceListItemsTab from './price-list-items-tab.tsx';

// The tab runs in a DOM against a real HTTP peer that answers like the Kontakt server: one list loads,
// the other fails as the server did for a product without a VAT rate.
const OK = '00000000-0000-7000-8000-000000000001';
const BROKEN = '00000000-0000-7000-8000-000000000002';
let server: Server;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === `/api/v1/price-lists/${OK}/items`) {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify({ data: [{ productId: 'p1', code: 'CIM-42', name: 'Ciment Portland', unit: 'sac', productGroup: null, vatRate: null, price: '31.5000' }] }));
    }
    response.writeHead(500, { 'content-type': 'application/problem+json' });
    response.end(JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'Something went wrong on the server', code: 'INTERNAL' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await setLanguage('ro');
});

afterEach(() => cleanup());
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function renderTab(id: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <PriceListItemsTab id={id} canEdit={false} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('prices tab of a price list', () => {
  it('shows the prices, a product without VAT rate too', async () => {
    renderTab(OK);
    expect(await screen.findByText('Ciment Portland')).toBeTruthy();
    expect(screen.queryByTestId('price-list-items-error')).toBeNull();
  });

  it('says the prices could not be read instead of showing an empty table', async () => {
    renderTab(BROKEN);
    const alert = await screen.findByTestId('price-list-items-error');
    expect(alert.textContent).toContain('Something went wrong on the server');
    expect(screen.getByTestId('price-list-items').querySelector('table')).toBeNull();
  });
});
