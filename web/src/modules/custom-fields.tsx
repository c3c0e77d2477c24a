import { Badge, Button, Checkbox, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { showError, showSuccess } from '../app/errors.ts';
import { fieldErrorsOf } from '../app/form.ts';
import { LANGUAGES } from '../app/i18n.ts';
import { entityLabel } from '../app/labels.ts';
import { useMeta } from '../app/meta.ts';

const TYPES = ['text', 'number', 'money', 'date', 'boolean', 'select', 'multiselect', 'email', 'url'] as const;

interface CustomField {
  id: string;
  entity: string;
  key: string;
  type: string;
  label: Record<string, string>;
  options: string[] | null;
  required: boolean;
}

const emptyForm = () => ({ entity: '', key: '', type: 'text', label: {} as Record<string, string>, options: [] as string[], required: false });

/** Administrators add their own fields to any entity that takes them; they appear in lists, filters and forms. */
export default function CustomFieldsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const meta = useMeta();
  const [opened, { open, close }] = useDisclosure(false);
  const [form, setForm] = useState(emptyForm);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const fields = useQuery({ queryKey: ['custom-fields'], queryFn: () => api<{ data: CustomField[] }>('/api/v1/custom-fields') });
  const entities = (meta.data?.entities ?? []).filter((e) => e.customFieldsEnabled);
  const nameOf = (entity: string) => {
    const e = meta.data?.entities.find((x) => x.name === entity);
    return e ? entityLabel(t, e) : entity;
  };
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['custom-fields'] }), queryClient.invalidateQueries({ queryKey: ['meta'] })]);

  const create = async () => {
    const label = Object.fromEntries(Object.entries(form.label).filter(([, v]) => v.trim()));
    try {
      await api('/api/v1/custom-fields', {
        method: 'POST',
        body: { ...form, label, options: form.type === 'select' || form.type === 'multiselect' ? form.options : undefined },
      });
      showSuccess(t('record.created'));
      close();
      setForm(emptyForm());
      await refresh();
    } catch (error) {
      const mapped = fieldErrorsOf(error);
      setErrors(mapped);
      if (!Object.keys(mapped).length) showError(error, t);
    }
  };
  const remove = async (id: string) => {
    try {
      await api(`/api/v1/custom-fields/${id}`, { method: 'DELETE' });
      await refresh();
    } catch (error) {
      showError(error, t);
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">{t('customFields.title')}</Title>
        <Button onClick={open} data-testid="new-custom-field">{t('app.new')}</Button>
      </Group>
      <Text c="dimmed">{t('customFields.intro')}</Text>
      <Paper withBorder>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('customFields.entity')}</Table.Th>
              <Table.Th>{t('customFields.label')}</Table.Th>
              <Table.Th>{t('customFields.key')}</Table.Th>
              <Table.Th>{t('customFields.type')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(fields.data?.data ?? []).map((f) => (
              <Table.Tr key={f.id} data-testid="custom-field-row">
                <Table.Td>{nameOf(f.entity)}</Table.Td>
                <Table.Td>{f.label[i18n.language] ?? f.label.en ?? f.key} {f.required && <Badge size="xs">{t('validation.required')}</Badge>}</Table.Td>
                <Table.Td><Text ff="monospace" size="sm">{f.key}</Text></Table.Td>
                <Table.Td>{t(`customFields.types.${f.type}`)}</Table.Td>
                <Table.Td><Button size="xs" variant="subtle" color="red" onClick={() => void remove(f.id)}>{t('app.delete')}</Button></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {(fields.data?.data ?? []).length === 0 && <Text c="dimmed" p="md">{t('records.noRows')}</Text>}
      </Paper>
      <Modal opened={opened} onClose={close} title={t('customFields.title')} size="lg">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label={t('customFields.entity')} data={entities.map((e) => ({ value: e.name, label: entityLabel(t, e) }))} value={form.entity || null}
              onChange={(v) => setForm((f) => ({ ...f, entity: v ?? '' }))} error={errors.entity} data-testid="cf-entity" withAsterisk />
            <TextInput label={t('customFields.key')} value={form.key} onChange={(e) => setForm((f) => ({ ...f, key: e.currentTarget.value }))}
              error={errors.key} description="vipLevel" data-testid="cf-key" withAsterisk />
            <Select label={t('customFields.type')} data={TYPES.map((ty) => ({ value: ty, label: t(`customFields.types.${ty}`) }))} value={form.type}
              allowDeselect={false} onChange={(v) => v && setForm((f) => ({ ...f, type: v }))} data-testid="cf-type" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {LANGUAGES.map((l) => (
              <TextInput key={l} label={`${t('customFields.label')} (${t(`lang.${l}`)})`} value={form.label[l] ?? ''} data-testid={`cf-label-${l}`}
                onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, label: { ...f.label, [l]: v } })); }} error={l === 'en' ? errors.label : undefined} />
            ))}
          </SimpleGrid>
          {(form.type === 'select' || form.type === 'multiselect') && (
            <TagsInput label={t('customFields.options')} value={form.options} onChange={(options) => setForm((f) => ({ ...f, options }))} error={errors.options} />
          )}
          <Checkbox label={t('validation.required')} checked={form.required} onChange={(e) => { const on = e.currentTarget.checked; setForm((f) => ({ ...f, required: on })); }} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('app.cancel')}</Button>
            <Button onClick={() => void create()} data-testid="cf-save">{t('app.save')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
