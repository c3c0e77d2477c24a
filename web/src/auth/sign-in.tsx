import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../app/api.ts';
import { errorMessage } from '../app/errors.ts';
import { isEmail, useForm } from '../app/form.ts';
import { AuthLayout } from './auth-layout.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({ email: '', password: '' }, (v) => ({
    ...(isEmail(v.email) ? {} : { email: t('validation.email') }),
    ...(v.password ? {} : { password: t('validation.required') }),
  }));
  const onSubmit = () =>
    form
      .submit(async (v) => {
        setFailure(null);
        await api('/api/auth/sign-in/email', { method: 'POST', body: v });
        await queryClient.invalidateQueries();
      })
      .catch((error: unknown) =>
        setFailure(error instanceof ApiError && error.status === 401 ? t('auth.invalid') : errorMessage(error, t)),
      );
  return (
    <AuthLayout title={t('auth.signInTitle')}>
      <form onSubmit={(e) => { e.preventDefault(); void onSubmit(); }}>
        <Stack>
          {failure && <Alert color="red" data-testid="sign-in-error">{failure}</Alert>}
          <TextInput label={t('auth.email')} type="email" autoComplete="username" value={form.values.email}
            onChange={(e) => form.set('email', e.currentTarget.value)} error={form.errors.email} data-testid="email" />
          <PasswordInput label={t('auth.password')} autoComplete="current-password" value={form.values.password}
            onChange={(e) => form.set('password', e.currentTarget.value)} error={form.errors.password} data-testid="password" />
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
  const form = useForm({ email: '' }, (v): Record<string, string> => (isEmail(v.email) ? {} : { email: t('validation.email') }));
  return (
    <AuthLayout title={t('auth.forgotTitle')}>
      <form onSubmit={(e) => { e.preventDefault(); void form.submit(async (v) => {
        await api('/api/auth/request-password-reset', { method: 'POST', body: { email: v.email, redirectTo: '/reset-password' } });
        setSent(true);
      }).catch(() => setSent(true)); }}>
        <Stack>
          {sent && <Alert color="teal">{t('auth.linkSent')}</Alert>}
          <TextInput label={t('auth.email')} type="email" value={form.values.email}
            onChange={(e) => form.set('email', e.currentTarget.value)} error={form.errors.email} />
          <Button type="submit" loading={form.submitting}>{t('auth.sendLink')}</Button>
          <Anchor component={Link} to="/" size="sm">{t('auth.backToSignIn')}</Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({ newPassword: '' }, (v): Record<string, string> =>
    v.newPassword.length >= 8 ? {} : { newPassword: t('validation.passwordLength') },
  );
  return (
    <AuthLayout title={t('auth.resetTitle')}>
      <form onSubmit={(e) => { e.preventDefault(); void form.submit(async (v) => {
        await api('/api/auth/reset-password', { method: 'POST', body: { newPassword: v.newPassword, token: params.get('token') ?? '' } });
        setDone(true);
      }).catch((error: unknown) => setFailure(errorMessage(error, t))); }}>
        <Stack>
          {done && <Alert color="teal">{t('auth.resetDone')}</Alert>}
          {failure && <Alert color="red">{failure}</Alert>}
          <PasswordInput label={t('auth.newPassword')} autoComplete="new-password" value={form.values.newPassword}
            onChange={(e) => form.set('newPassword', e.currentTarget.value)} error={form.errors.newPassword} />
          <Button type="submit" loading={form.submitting} disabled={done}>{t('app.save')}</Button>
          <Anchor size="sm" onClick={() => void navigate('/')}>{t('auth.backToSignIn')}</Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
