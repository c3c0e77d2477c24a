import { Button, Checkbox, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { showError } from '../app/errors.ts';
import { submitTo, useSchemaForm } from '../app/form.ts';
import { LANGUAGES, setLanguage, toLanguage } from '../app/i18n.ts';
import { AuthLayout } from './auth-layout.tsx';
import { setupSchema } from './schemas.ts';

/** First start: the company's workspace and its administrator. */
export function SetupPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const schema = useMemo(() => setupSchema(t), [t]);
  const form = useSchemaForm(schema, { workspaceName: '', name: '', email: '', password: '', locale: toLanguage(i18n.language), demo: false });
  const onSubmit = submitTo(
    form,
    async (v) => {
      const body = schema.parse(v);
      await api('/api/v1/setup', { method: 'POST', body });
      await queryClient.invalidateQueries();
    },
    (error) => showError(error, t),
  );
  return (
    <AuthLayout title={t('setup.title')} intro={t('setup.intro')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput label={t('setup.workspaceName')} data-testid="setup-workspace" {...form.getInputProps('workspaceName')} />
          <TextInput label={t('setup.name')} autoComplete="name" data-testid="setup-name" {...form.getInputProps('name')} />
          <TextInput label={t('auth.email')} type="email" autoComplete="username" data-testid="setup-email" {...form.getInputProps('email')} />
          <PasswordInput label={t('auth.password')} autoComplete="new-password" data-testid="setup-password" {...form.getInputProps('password')} />
          <Select
            label={t('user.language')}
            allowDeselect={false}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
            {...form.getInputProps('locale')}
            onChange={(value) => {
              if (!value) return;
              form.setFieldValue('locale', toLanguage(value));
              void setLanguage(value);
            }}
          />
          <Checkbox label={t('setup.demo')} description={t('setup.demoHint')} data-testid="setup-demo" {...form.getInputProps('demo', { type: 'checkbox' })} />
          <Button type="submit" loading={form.submitting} data-testid="setup-submit">{t('setup.submit')}</Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
