import { Button, Group, Modal, Select, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { showError, showSuccess } from '../app/errors.ts';
import { enumOptions, fieldLabel } from '../app/labels.ts';
import type { EntityMeta } from '../app/meta.ts';
import { FieldInput } from './field-input.tsx';

/** Sets one field to one value on every selected record; the server answers per record. */
export function BulkUpdate({ entity, ids, onDone }: { entity: EntityMeta; ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const editable = entity.fields.filter((f) => !f.readOnly && f.type !== 'json');
  const [fieldName, setFieldName] = useState<string | null>(editable[0]?.name ?? null);
  const [value, setValue] = useState<unknown>(null);
  const field = editable.find((f) => f.name === fieldName);
  const apply = async () => {
    if (!field) return;
    try {
      const res = await api<{ results: { id: string; ok: boolean }[] }>(`${entity.path}/bulk`, {
        method: 'POST',
        body: { action: 'update', ids, patch: { [field.name]: value } },
      });
      const ok = res.results.filter((r) => r.ok).length;
      showSuccess(t('records.bulkDone', { ok, total: res.results.length }));
      close();
      onDone();
    } catch (error) {
      showError(error, t);
    }
  };
  if (!editable.length) return null;
  return (
    <>
      <Button variant="light" onClick={open} data-testid="bulk-update">{t('records.setField')}</Button>
      <Modal opened={opened} onClose={close} title={t('records.setField')}>
        <Stack>
          <Select label={t('records.field')} data={editable.map((f) => ({ value: f.name, label: fieldLabel(t, f) }))} value={fieldName}
            allowDeselect={false} onChange={(v) => { setFieldName(v); setValue(null); }} data-testid="bulk-field" />
          {field && (
            <FieldInput field={{ name: 'bulkValue', label: t('records.value'), type: field.type, required: field.required, values: enumOptions(t, entity.name, field.name, field.values), reference: field.reference, max: field.max }}
              value={value} onChange={setValue} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('app.cancel')}</Button>
            <Button onClick={() => void apply()} data-testid="bulk-apply">{t('records.applyToSelected', { count: ids.length })}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
