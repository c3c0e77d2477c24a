import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api } from '../app/api.ts';
import { errorMessage } from '../app/errors.ts';
import { submitTo, useSchemaForm } from '../app/form.ts';
import { AuthLayout } from './auth-layout.tsx';
import { forgotSchema, resetSchema, signInSchema } from './schemas.ts';

export function SignInPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useSchemaForm(useMemo(() => signInSchema(t), [t]), { email: '', password: '' });
  const onSubmit = submitTo(
    form,
    async (v) => {
      setFailure(null);
      await api('/api/auth/sign-in/email', { method: 'POST', body: { email: v.email.trim(), password: v.password } });
      await queryClient.invalidateQueries();
    },
    (error) => setFailure(error instanceof ApiError && error.status === 401 ? t('auth.invalid') : errorMessage(error, t)),
  );
  return (
    <AuthLayout title={t('auth.signInTitle')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {failure && <Alert color="red" data-testid="sign-in-error">{failure}</Alert>}
          <TextInput label={t('auth.email')} type="email" autoComplete="username" data-testid="email" {...form.getInputProps('email')} />
          <PasswordInput label={t('auth.password')} autoComplete="current-password" data-testid="password" {...form.getInputProps('password')} />
          <Button type="submit" loading={form.submitting} data-testid="sign-in">{t('auth.signIn')}</Button>
          <Anchor component={Link} to="/forgot-password" size="sm">{t('auth.forgot')}</Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const form = useSchemaForm(useMemo(() => forgotSchema(t), [t]), { email: '' });
  // The answer is the same whether or not the address is known, so a failure shows the same notice.
  const onSubmit = submitTo(
    form,
    async (v) => {
      await api('/api/auth/request-password-reset', { method: 'POST', body: { email: v.email.trim(), redirectTo: '/reset-password' } });
      setSent(true);
    },
    () => setSent(true),
  );
  return (
    <AuthLayout title={t('auth.forgotTitle')} intro={t('auth.forgotIntro')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {sent && <Alert color="teal" data-testid="link-sent">{t('auth.linkSent')}</Alert>}
          <TextInput label={t('auth.email')} type="email" autoComplete="username" data-testid="forgot-email" {...form.getInputProps('email')} />
          <Button type="submit" loading={form.submitting} data-testid="send-link">{t('auth.sendLink')}</Button>
          <Anchor component={Link} to="/" size="sm">{t('auth.backToSignIn')}</Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useSchemaForm(useMemo(() => resetSchema(t), [t]), { newPassword: '' });
  const onSubmit = submitTo(
    form,
    async (v) => {
      setFailure(null);
      await api('/api/auth/reset-password', { method: 'POST', body: { newPassword: v.newPassword, token } });
      setDone(true);
    },
    (error) => setFailure(error instanceof ApiError && error.status === 400 ? t('auth.resetExpired') : errorMessage(error, t)),
  );
  return (
    <AuthLayout title={t('auth.resetTitle')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {!token && <Alert color="red">{t('auth.resetExpired')}</Alert>}
          {done && <Alert color="teal" data-testid="reset-done">{t('auth.resetDone')}</Alert>}
          {failure && <Alert color="red" data-testid="reset-error">{failure}</Alert>}
          <PasswordInput label={t('auth.newPassword')} autoComplete="new-password" data-testid="new-password" {...form.getInputProps('newPassword')} />
          <Button type="submit" loading={form.submitting} disabled={done || !token} data-testid="reset-submit">{t('app.save')}</Button>
          <Anchor component={Link} to="/" size="sm">{t('auth.backToSignIn')}</Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
