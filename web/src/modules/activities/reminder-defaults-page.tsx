import { Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.ts';
import { showError, showSuccess } from '../../app/errors.ts';
import { type ListItemMeta, useMeta } from '../../app/meta.ts';
import { useMe } from '../../app/session.ts';
import { ListEditor } from '../../records/list-editor.tsx';
import type { ReminderOffset } from './reminders-logic.ts';

/** Settings → Default reminders (X5 "reminder constants"): what a new task gets when it names none. */
export default function ReminderDefaultsPage() {
  const { t } = useTranslation();
  const meta = useMeta();
  const me = useMe();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['reminder-defaults'], queryFn: () => api<{ reminders: ReminderOffset[] }>('/api/v1/settings/reminders') });
  const items = meta.data?.entities.find((e) => e.name === 'task')?.fields.find((f) => f.name === 'reminders')?.items;
  return (
    <Stack maw={640}>
      <Title order={2} size="h3">{t('reminders.defaults')}</Title>
      <Text size="sm" c="dimmed">{t('reminders.defaultsHelp')}</Text>
      {/* the editor starts from the saved list, once both it and the entry fields are known */}
      {current.data && items ? (
        <DefaultsEditor initial={current.data.reminders} items={items} admin={Boolean(me.data?.user.isAdmin)}
          onSaved={() => queryClient.invalidateQueries({ queryKey: ['reminder-defaults'] })} />
      ) : (
        <Loader size="sm" />
      )}
    </Stack>
  );
}

function DefaultsEditor({ initial, items, admin, onSaved }: { initial: ReminderOffset[]; items: ListItemMeta[]; admin: boolean; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<unknown>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    setErrors({});
    try {
      const saved = await api<{ reminders: ReminderOffset[] }>('/api/v1/settings/reminders', { method: 'PUT', body: { reminders: value ?? [] } });
      setValue(saved.reminders);
      await onSaved();
      showSuccess(t('reminders.saved'));
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length) {
        setErrors(Object.fromEntries(error.fieldErrors.map((e) => [e.path, t(e.message, { defaultValue: e.message })])));
      } else showError(error, t);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Paper withBorder p="md">
      <ListEditor name="reminders" label={t('fields.reminders')} items={items} value={value} onChange={(v) => setValue(v ?? [])}
        error={errors.reminders} errors={errors} />
      {admin && (
        <Group mt="md">
          <Button onClick={() => void save()} loading={saving} data-testid="reminder-defaults-save">{t('reminders.save')}</Button>
        </Group>
      )}
    </Paper>
  );
}
