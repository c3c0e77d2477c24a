import { Button, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { showError } from '../app/errors.ts';
import { isEmail, useForm } from '../app/form.ts';
import { LANGUAGES, setLanguage } from '../app/i18n.ts';
import { AuthLayout } from './auth-layout.tsx';

/** First start: the company's workspace and its administrator. */
export function SetupPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm(
    { workspaceName: '', name: '', email: '', password: '', locale: i18n.language },
    (v) => ({
      ...(v.workspaceName.trim() ? {} : { workspaceName: t('validation.required') }),
      ...(v.name.trim() ? {} : { name: t('validation.required') }),
      ...(isEmail(v.email) ? {} : { email: t('validation.email') }),
      ...(v.password.length >= 8 ? {} : { password: t('validation.passwordLength') }),
    }),
  );
  const onSubmit = () =>
    form
      .submit(async (v) => {
        await api('/api/v1/setup', { method: 'POST', body: v });
        await queryClient.invalidateQueries();
      })
      .catch((error: unknown) => showError(error, t));
  return (
    <AuthLayout title={t('setup.title')} intro={t('setup.intro')}>
      <form onSubmit={(e) => { e.preventDefault(); void onSubmit(); }}>
        <Stack>
          <TextInput label={t('setup.workspaceName')} value={form.values.workspaceName} data-testid="setup-workspace"
            onChange={(e) => form.set('workspaceName', e.currentTarget.value)} error={form.errors.workspaceName} />
          <TextInput label={t('setup.name')} value={form.values.name} data-testid="setup-name"
            onChange={(e) => form.set('name', e.currentTarget.value)} error={form.errors.name} />
          <TextInput label={t('auth.email')} type="email" value={form.values.email} data-testid="setup-email"
            onChange={(e) => form.set('email', e.currentTarget.value)} error={form.errors.email} />
          <PasswordInput label={t('auth.password')} value={form.values.password} data-testid="setup-password"
            onChange={(e) => form.set('password', e.currentTarget.value)} error={form.errors.password} />
          <Select label={t('user.language')} value={form.values.locale} allowDeselect={false}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
            onChange={(value) => { if (value) { form.set('locale', value); setLanguage(value); } }} />
          <Button type="submit" loading={form.submitting} data-testid="setup-submit">{t('setup.submit')}</Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
