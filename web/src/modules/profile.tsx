import { Button, Checkbox, Group, Paper, PasswordInput, SegmentedControl, Select, Stack, Table, Text, TextInput, Title, useMantineColorScheme } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../app/api.ts';
import { showError, showSuccess } from '../app/errors.ts';
import { submitTo, useSchemaForm } from '../app/form.ts';
import { LANGUAGES, setLanguage, toLanguage } from '../app/i18n.ts';
import { type Me, useMe } from '../app/session.ts';
import { passwordChangeSchema, profileSchema } from '../auth/schemas.ts';
import { CalendarProfileSettings } from './calendar/calendar-settings.tsx';

interface Preference {
  kind: string;
  labelKey: string;
  inApp: boolean;
  email: boolean;
  sms: boolean;
}
const CHANNELS = ['inApp', 'email', 'sms'] as const;

/** How each kind of notification reaches the user: in the app, by e-mail, by SMS (saved on each change). */
function NotificationChannels() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefs = useQuery({ queryKey: ['notification-preferences'], queryFn: () => api<{ data: Preference[] }>('/api/v1/me/notification-preferences') });
  const change = async (p: Preference, channel: (typeof CHANNELS)[number], on: boolean) => {
    try {
      const next = await api<{ data: Preference[] }>('/api/v1/me/notification-preferences', {
        method: 'PUT',
        body: { data: [{ kind: p.kind, inApp: p.inApp, email: p.email, sms: p.sms, [channel]: on }] },
      });
      queryClient.setQueryData(['notification-preferences'], next);
    } catch (e) {
      showError(e, t);
    }
  };
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={3} size="h5">{t('notifications.title')}</Title>
        <Text size="sm" c="dimmed">{t('profile.channelsHint')}</Text>
        <Table data-testid="notification-channels">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              {CHANNELS.map((c) => <Table.Th key={c}>{t(`profile.channel.${c}`)}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(prefs.data?.data ?? []).map((p) => (
              <Table.Tr key={p.kind}>
                <Table.Td>{t(p.labelKey, { defaultValue: p.kind })}</Table.Td>
                {CHANNELS.map((c) => (
                  <Table.Td key={c}>
                    <Checkbox
                      checked={p[c]}
                      onChange={(e) => void change(p, c, e.currentTarget.checked)}
                      aria-label={`${t(p.labelKey, { defaultValue: p.kind })}: ${t(`profile.channel.${c}`)}`}
                      data-testid={`channel-${p.kind}-${c}`}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

/** An absence: while it lasts, deputies stand in (they see and work the partners the user manages). */
function AbsenceForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [from, setFrom] = useState(me.user.awayFrom ?? '');
  const [until, setUntil] = useState(me.user.awayUntil ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (awayFrom: string, awayUntil: string) => {
    setSaving(true);
    setError(null);
    try {
      await api('/api/v1/me', { method: 'PATCH', body: { awayFrom: awayFrom || null, awayUntil: awayUntil || null } });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      showSuccess(t('record.saved'));
    } catch (e) {
      const field = e instanceof ApiError ? e.fieldErrors.find((f) => f.path === 'awayUntil') : undefined;
      if (field) setError(t(field.message, { defaultValue: field.message }));
      else showError(e, t);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={3} size="h5">{t('profile.absence')}</Title>
        <Text size="sm" c="dimmed">{t('profile.absenceHint')}</Text>
        <Group grow align="flex-start">
          <TextInput type="date" label={t('fields.awayFrom')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} data-testid="profile-away-from" />
          <TextInput type="date" label={t('fields.awayUntil')} value={until} onChange={(e) => setUntil(e.currentTarget.value)} error={error} data-testid="profile-away-until" />
        </Group>
        <Group justify="flex-end">
          {(me.user.awayFrom || me.user.awayUntil) && (
            <Button variant="default" onClick={() => { setFrom(''); setUntil(''); void save('', ''); }}>{t('profile.backAtWork')}</Button>
          )}
          <Button onClick={() => void save(from, until)} loading={saving} data-testid="profile-absence-save">{t('app.save')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The signed-in person's own name, language, theme and password. */
export default function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data) return null;
  return (
    <Stack maw={560}>
      <Title order={2} size="h3">{t('profile.title')}</Title>
      <ProfileForm me={me.data} />
      <AbsenceForm me={me.data} />
      <NotificationChannels />
      <CalendarProfileSettings />
      <PasswordForm />
    </Stack>
  );
}

function ProfileForm({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { setColorScheme } = useMantineColorScheme();
  const theme = (['light', 'dark', 'auto'] as const).find((v) => v === me.user.theme) ?? 'auto';
  const form = useSchemaForm(useMemo(() => profileSchema(t), [t]), { name: me.user.name, locale: toLanguage(me.user.locale), theme });
  const onSubmit = submitTo(
    form,
    async (v) => {
      await api('/api/v1/me', { method: 'PATCH', body: { name: v.name.trim(), locale: v.locale, theme: v.theme } });
      await setLanguage(v.locale);
      setColorScheme(v.theme as 'light' | 'dark' | 'auto');
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      // in the language just chosen
      showSuccess(i18n.t('record.saved'));
    },
    (error) => showError(error, t),
  );
  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed" data-testid="profile-email">{t('auth.email')}: {me.user.email}</Text>
          <TextInput label={t('setup.name')} autoComplete="name" data-testid="profile-name" {...form.getInputProps('name')} />
          <Select
            label={t('user.language')}
            allowDeselect={false}
            data-testid="profile-language"
            data={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
            {...form.getInputProps('locale')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('user.theme')}</Text>
            <SegmentedControl
              data-testid="profile-theme"
              data={[
                { value: 'light', label: t('user.light') },
                { value: 'dark', label: t('user.dark') },
                { value: 'auto', label: t('user.auto') },
              ]}
              {...form.getInputProps('theme')}
            />
          </Stack>
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting} data-testid="profile-save">{t('app.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const form = useSchemaForm(useMemo(() => passwordChangeSchema(t), [t]), { currentPassword: '', newPassword: '' });
  const onSubmit = submitTo(
    form,
    async (v) => {
      await api('/api/auth/change-password', { method: 'POST', body: { ...v, revokeOtherSessions: true } });
      form.reset();
      showSuccess(t('profile.passwordChanged'));
    },
    (error) => {
      if (error instanceof ApiError && error.code === 'INVALID_PASSWORD') form.setFieldError('currentPassword', t('profile.wrongPassword'));
      else showError(error, t);
    },
  );
  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={3} size="h5">{t('profile.changePassword')}</Title>
          <PasswordInput label={t('profile.currentPassword')} autoComplete="current-password" data-testid="current-password" {...form.getInputProps('currentPassword')} />
          <PasswordInput label={t('auth.newPassword')} autoComplete="new-password" data-testid="change-new-password" {...form.getInputProps('newPassword')} />
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={form.submitting} data-testid="change-password">{t('profile.changePassword')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
