import { Alert, Anchor, Badge, Box, Button, Center, Group, Loader, Modal, Paper, SimpleGrid, Stack, Tabs, Text, Timeline, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, api } from '../app/api.ts';
import { errorMessage, showError, showSuccess } from '../app/errors.ts';
import { fieldErrorsOf } from '../app/form.ts';
import { formatDateTime } from '../app/format.ts';
import { customLabel, entityLabel, enumOptions, fieldLabel } from '../app/labels.ts';
import { type EntityMeta, useEntity } from '../app/meta.ts';
import { useScreenRecord } from '../app/screen-context.ts';
import { NotFoundPage } from '../app/not-found.tsx';
import { aboutValues } from './about.ts';
import { Attachments } from './attachments.tsx';
import { createBody, createExtras, FORM_HIDDEN } from './create-extras.ts';
import { FieldInput, type InputField } from './field-input.tsx';
import { LinksTab } from './links-tab.tsx';
import { RECORD_ACTIONS } from './record-actions.ts';
import { RECORD_TABS } from './record-tabs.ts';
import { validateValues } from './validate.ts';

type Row = Record<string, unknown> & { id: string; version: number; deletedAt?: string | null };

export default function RecordPage() {
  const { resource, id } = useParams();
  const { entity, isLoading, error } = useEntity(resource);
  const { t } = useTranslation();
  if (isLoading) return <Center h={200}><Loader /></Center>;
  if (error) return <Alert color="red">{errorMessage(error, t)}</Alert>;
  // a kind of record the app does not have (or the user may not see): an unknown address
  if (!entity) return <NotFoundPage />;
  return <RecordView key={`${entity.name}-${id ?? 'new'}`} entity={entity} id={id} />;
}

function inputFields(entity: EntityMeta, t: ReturnType<typeof useTranslation>['t'], language: string): InputField[] {
  return [
    ...entity.fields.filter((f) => !f.readOnly && !(FORM_HIDDEN[entity.name] ?? []).includes(f.name)).map((f) => ({ name: f.name, label: fieldLabel(t, f), type: f.type, required: f.required, values: enumOptions(t, entity.name, f.name, f.values), reference: f.reference, max: f.max, ...(f.items ? { items: f.items } : {}), ...(f.keyValue ? { keyValue: true } : {}) })),
    ...entity.customFields.map((c) => ({ name: c.path, label: customLabel(c, language), type: c.type, required: c.required, values: c.options ?? undefined })),
  ];
}

function RecordView({ entity, id }: { entity: EntityMeta; id: string | undefined }) {
  const { t } = useTranslation();
  const record = useQuery({ queryKey: ['record', entity.resource, id], queryFn: () => api<Row>(`${entity.path}/${id}`), enabled: Boolean(id) });
  if (id && record.isLoading) return <Center h={200}><Loader /></Center>;
  if (id && record.error) return <Alert color="red">{errorMessage(record.error, t)}</Alert>;
  // a new version from the server starts the form afresh from the server's values
  return <RecordEditor key={record.data?.version ?? 'new'} entity={entity} id={id} record={record.data} reload={() => void record.refetch()} />;
}

function RecordEditor({ entity, id, record, reload }: { entity: EntityMeta; id: string | undefined; record: Row | undefined; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // the open tab lives in the address: it survives a reload of the record (a new version) and can be linked
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') ?? 'details';
  const openTab = (value: string | null) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (!value || value === 'details') next.delete('tab');
        else next.set('tab', value);
        return next;
      },
      { replace: true },
    );
  const isNew = !id;
  const fields = [...(isNew ? createExtras(entity.name, t) : []), ...inputFields(entity, t, i18n.language)];
  const [values, setValues] = useState<Record<string, unknown>>(() => ({
    ...Object.fromEntries(
      fields.map((f) => [f.name, f.name.startsWith('custom.') ? (record?.custom as Record<string, unknown> | undefined)?.[f.name.slice(7)] : record?.[f.name]]),
    ),
    // a new record made from a quick action starts linked to the record it is about (?about=partner:<id>)
    ...(isNew ? aboutValues(search.get('about'), fields.map((f) => f.name)) : {}),
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);

  const canEdit = isNew ? entity.permissions.create !== 'none' : entity.permissions.update !== 'none';
  const body = () => {
    const plain: Record<string, unknown> = {};
    const custom: Record<string, unknown> = {};
    for (const f of fields) {
      const v = values[f.name];
      if (isNew && (v === undefined || v === null || v === '')) continue;
      if (f.name.startsWith('custom.')) custom[f.name.slice(7)] = v ?? null;
      else plain[f.name] = v ?? null;
    }
    return entity.customFields.length ? { ...plain, custom } : plain;
  };

  const save = async () => {
    const found = validateValues(fields, values, t);
    setErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      if (isNew) {
        const created = await api<Row>(entity.path, { method: 'POST', body: createBody(entity.name, body()) });
        showSuccess(t('record.created'));
        await queryClient.invalidateQueries({ queryKey: ['records', entity.resource] });
        await navigate(`/r/${entity.resource}/${created.id}`, { replace: true });
      } else {
        await api<Row>(`${entity.path}/${id}`, { method: 'PATCH', body: body(), headers: { 'if-match': `"${record?.version}"` } });
        showSuccess(t('record.saved'));
        await queryClient.invalidateQueries({ queryKey: ['record', entity.resource, id] });
        await queryClient.invalidateQueries({ queryKey: ['records', entity.resource] });
        await queryClient.invalidateQueries({ queryKey: ['history', entity.resource, id] });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.code === 'VERSION_CONFLICT') setConflict(true);
      else {
        const mapped = Object.fromEntries(Object.entries(fieldErrorsOf(error)).map(([k, m]) => [k, t(m, { defaultValue: m })]));
        setErrors(mapped);
        if (!Object.keys(mapped).length) showError(error, t);
      }
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    try {
      await api(`${entity.path}/${id}`, { method: 'DELETE' });
      showSuccess(t('record.deleted'));
      await queryClient.invalidateQueries({ queryKey: ['records', entity.resource] });
      await navigate(`/r/${entity.resource}`);
    } catch (error) {
      showError(error, t);
    }
  };

  const restore = async () => {
    try {
      await api(`${entity.path}/${id}/restore`, { method: 'POST' });
      showSuccess(t('record.restored'));
      reload();
    } catch (error) {
      showError(error, t);
    }
  };

  const title = isNew ? `${t('app.new')}: ${entityLabel(t, entity)}` : String(record?.name ?? record?.fullName ?? record?.title ?? (record?.number ? `${entityLabel(t, entity)} ${String(record.number)}` : entityLabel(t, entity)));
  // the record on screen is the context of quick actions (new task / event / e-mail about it)
  useScreenRecord(id && record ? { entity: entity.name, id, title } : null);
  const deleted = Boolean(record?.deletedAt);
  const hasLinks = (entity.name === 'user' || entity.name === 'group') && entity.permissions.update !== 'none';

  const form = (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Stack>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {fields.map((f) => (
              <Box key={f.name} style={f.type === 'json' ? { gridColumn: '1 / -1' } : undefined}>
                <FieldInput field={f} value={values[f.name]} error={errors[f.name]} errors={errors}
                  onChange={(v) => { setValues((s) => ({ ...s, [f.name]: v })); setErrors(({ [f.name]: _d, ...rest }) => rest); }} />
              </Box>
            ))}
          </SimpleGrid>
          {canEdit && !deleted && (
            <Group>
              <Button type="submit" loading={saving} data-testid="save-record">{t('app.save')}</Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Stack gap={2}>
          <Anchor component={Link} to={`/r/${entity.resource}`} size="sm">← {entityLabel(t, entity, true)}</Anchor>
          <Group gap="xs">
            <Title order={2} size="h3" data-testid="record-title">{title}</Title>
            {deleted && <Badge color="red">{t('records.trash')}</Badge>}
          </Group>
        </Stack>
        {!isNew && (
          <Group>
            {!deleted && record && (RECORD_ACTIONS[entity.name] ?? []).map((Action, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list per entity
              <Suspense key={i} fallback={null}>
                <Action id={id!} record={record} canEdit={entity.permissions.update !== 'none'} permissions={entity.permissions} reload={reload} />
              </Suspense>
            ))}
            {deleted ? (
              entity.permissions.delete !== 'none' && <Button variant="light" onClick={() => void restore()}>{t('app.restore')}</Button>
            ) : (
              entity.permissions.delete !== 'none' && <Button variant="light" color="red" onClick={() => void remove()} data-testid="delete-record">{t('app.delete')}</Button>
            )}
          </Group>
        )}
      </Group>
      {isNew ? form : (
        <Tabs value={tab} onChange={openTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="details">{t('record.details')}</Tabs.Tab>
            <Tabs.Tab value="history" data-testid="tab-history">{t('record.history')}</Tabs.Tab>
            <Tabs.Tab value="attachments">{t('record.attachments')}</Tabs.Tab>
            {hasLinks && <Tabs.Tab value="links" data-testid="tab-links">{t(entity.name === 'group' ? 'record.members' : 'record.access')}</Tabs.Tab>}
            {(RECORD_TABS[entity.name] ?? []).map((tab) => (
              <Tabs.Tab key={tab.key} value={`module-${tab.key}`} data-testid={`tab-${tab.key}`}>{t(tab.labelKey)}</Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="details" pt="md">{form}</Tabs.Panel>
          <Tabs.Panel value="history" pt="md"><History entity={entity} id={id!} /></Tabs.Panel>
          {hasLinks && (
            <Tabs.Panel value="links" pt="md"><LinksTab entity={entity.name as 'user' | 'group'} id={id!} /></Tabs.Panel>
          )}
          {(RECORD_TABS[entity.name] ?? []).map((tab) => (
            <Tabs.Panel key={tab.key} value={`module-${tab.key}`} pt="md">
              <Suspense fallback={<Loader size="sm" />}>
                <tab.component id={id!} canEdit={canEdit && !deleted} />
              </Suspense>
            </Tabs.Panel>
          ))}
          <Tabs.Panel value="attachments" pt="md"><Attachments entity={entity.name} recordId={id!} canAdd={canEdit && !deleted} /></Tabs.Panel>
        </Tabs>
      )}
      <Modal opened={conflict} onClose={() => setConflict(false)} title={t('record.conflictTitle')}>
        <Stack>
          <Text>{t('record.conflictBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConflict(false)}>{t('app.close')}</Button>
            <Button data-testid="conflict-reload" onClick={() => { setConflict(false); reload(); }}>{t('record.reload')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

interface HistoryEntry {
  id: string;
  action: string;
  at: string;
  actorName: string | null;
  changes: Record<string, [unknown, unknown]>;
}

function History({ entity, id }: { entity: EntityMeta; id: string }) {
  const { t, i18n } = useTranslation();
  const history = useQuery({ queryKey: ['history', entity.resource, id], queryFn: () => api<{ data: HistoryEntry[] }>(`${entity.path}/${id}/history`) });
  if (history.isLoading) return <Loader size="sm" />;
  if (history.error) return <Alert color="red">{errorMessage(history.error, t)}</Alert>;
  const entries = history.data?.data ?? [];
  if (!entries.length) return <Text c="dimmed">{t('record.historyEmpty')}</Text>;
  const label = (name: string) => {
    const f = entity.fields.find((x) => x.name === name);
    return f ? fieldLabel(t, f) : name;
  };
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return (
    <Timeline bulletSize={14} lineWidth={2} data-testid="history">
      {entries.map((e) => (
        <Timeline.Item key={e.id} title={`${e.actorName ?? '—'} ${t(`history.${e.action}`, { defaultValue: e.action })}`}>
          <Text size="xs" c="dimmed">{formatDateTime(e.at, i18n.language)}</Text>
          {Object.entries(e.changes ?? {}).map(([field, [before, after]]) => (
            <Text size="sm" key={field}>{label(field)}: {show(before)} → {show(after)}</Text>
          ))}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
