// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setLanguage } from '../app/i18n.ts';
import { ResetPasswordPage, SignInPage } from './sign-in.tsx';

// The forms run in a DOM against a real HTTP peer that answers like the Kontakt server.
let server: Server;
const received: { url: string; body: unknown }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => { raw += chunk.toString('utf8'); });
    request.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      received.push({ url: request.url ?? '', body });
      const problem = (status: number, payload: Record<string, unknown>) => {
        response.writeHead(status, { 'content-type': 'application/problem+json' });
        response.end(JSON.stringify({ status, ...payload }));
      };
      if (request.url === '/api/auth/sign-in/email' && String(body?.email ?? '').startsWith('elsewhere')) {
        const expectedOrigin = body?.email === 'elsewhere@fixed.ro' ? 'https://crm.example.ro' : null;
        return problem(403, { title: 'Request from another address refused', code: 'FOREIGN_ORIGIN', detail: 'The request came from another site or address.', expectedOrigin });
      }
      if (request.url === '/api/auth/sign-in/email') return problem(401, { title: 'Unauthorized', detail: 'Invalid email or password' });
      if (request.url === '/api/auth/reset-password') {
        return problem(400, { title: 'Bad Request', detail: 'The body has invalid fields', errors: [{ path: 'newPassword', message: 'Too common a password' }] });
      }
      return problem(404, { title: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // same origin as the page, as in the real app
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});

afterEach(() => cleanup());
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function renderPage(page: ReactNode, path = '/') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[path]}>{page}</MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

const input = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;

describe('sign-in form', () => {
  it('shows the schema’s messages on the fields and sends nothing while invalid', async () => {
    renderPage(<SignInPage />);
    const before = received.length;
    fireEvent.change(input('email'), { target: { value: 'ana@firma' } });
    fireEvent.click(screen.getByTestId('sign-in'));
    expect(await screen.findByText('Not a valid e-mail address')).toBeTruthy();
    expect(screen.getByText('Required')).toBeTruthy();
    expect(input('email').getAttribute('aria-invalid')).toBe('true');
    expect(received.length).toBe(before);
  });

  it('sends the credentials and tells a wrong password apart', async () => {
    renderPage(<SignInPage />);
    fireEvent.change(input('email'), { target: { value: ' ana@firma.ro ' } });
    fireEvent.change(input('password'), { target: { value: 'greșită' } });
    fireEvent.click(screen.getByTestId('sign-in'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('Wrong e-mail or password.');
    expect(received.at(-1)).toEqual({ url: '/api/auth/sign-in/email', body: { email: 'ana@firma.ro', password: 'greșită' } });
  });
});

describe('sign-in from an address the server does not accept', () => {
  it('says so in the person’s language, naming the CRM’s address when the server gives it', async () => {
    const signInAs = async (email: string) => {
      renderPage(<SignInPage />);
      fireEvent.change(input('email'), { target: { value: email } });
      fireEvent.change(input('password'), { target: { value: 'o parolă bună' } });
      fireEvent.click(screen.getByTestId('sign-in'));
      const text = (await screen.findByTestId('sign-in-error')).textContent;
      cleanup();
      return text;
    };
    expect(await signInAs('elsewhere@open.ro')).toBe(
      "The CRM refused this because the page was opened at another address than the CRM's own. Open the CRM at its own address and try again.",
    );
    await setLanguage('ro');
    try {
      expect(await signInAs('elsewhere@fixed.ro')).toBe(
        'CRM-ul a refuzat cererea, deoarece pagina a fost deschisă la altă adresă decât cea a CRM-ului. Deschideți CRM-ul la https://crm.example.ro și încercați din nou.',
      );
    } finally {
      await setLanguage('en');
    }
  });
});

describe('reset password form', () => {
  it('puts the server’s field error on the field it names', async () => {
    renderPage(<ResetPasswordPage />, '/reset-password?token=tok-123');
    fireEvent.change(input('new-password'), { target: { value: 'parola1234' } });
    fireEvent.click(screen.getByTestId('reset-submit'));
    const message = await screen.findByText('Too common a password');
    // the message sits in the password field's own wrapper
    expect(input('new-password').closest('.mantine-InputWrapper-root')?.contains(message)).toBe(true);
    expect(received.at(-1)).toEqual({ url: '/api/auth/reset-password', body: { newPassword: 'parola1234', token: 'tok-123' } });
    expect(screen.queryByTestId('reset-error')).toBeNull();
  });
});
