import { Button, Checkbox, Group, Menu, Modal, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SortingState } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../app/api.ts';
import { showError, showSuccess } from '../app/errors.ts';
import type { EntityMeta } from '../app/meta.ts';
import { BUILT_IN_VIEWS } from './built-in-views.ts';
import { type FilterRule, fromFilterTree } from './filters.ts';

export interface ViewState {
  rules: FilterRule[];
  match: 'and' | 'or';
  sorting: SortingState;
  columns: string[];
}

interface SavedView {
  id: string;
  name: string;
  shared: boolean;
  mine: boolean;
  definition: { filter?: unknown; sort?: string; columns?: string[] };
}

/** Personal and shared views of a list: filter tree, sort and columns, as the API stores them. */
export function SavedViews({
  entity,
  current,
  filterTree,
  onApply,
}: { entity: EntityMeta; current: ViewState; filterTree: object | undefined; onApply: (v: ViewState) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const views = useQuery({
    queryKey: ['views', entity.name],
    queryFn: () => api<{ data: SavedView[] }>(`/api/v1/saved-views${qs({ entity: entity.name })}`),
  });
  const save = async () => {
    try {
      const sort = current.sorting.map((s) => `${s.desc ? '-' : ''}${s.id}`).join(',');
      await api('/api/v1/saved-views', {
        method: 'POST',
        body: { entity: entity.name, name, shared, definition: { filter: filterTree, sort: sort || undefined, columns: current.columns } },
      });
      showSuccess(t('record.saved'));
      close();
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['views', entity.name] });
    } catch (error) {
      showError(error, t);
    }
  };
  const apply = (view: Pick<SavedView, 'definition'>) => {
    const { rules, match } = fromFilterTree(view.definition.filter);
    const sorting = (view.definition.sort ?? '').split(',').filter(Boolean).map((s) => ({ id: s.replace(/^-/, ''), desc: s.startsWith('-') }));
    onApply({ rules, match, sorting, columns: view.definition.columns ?? [] });
  };
  return (
    <>
      <Menu>
        <Menu.Target><Button variant="default" data-testid="views">{t('records.views')}</Button></Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => onApply({ rules: [], match: 'and', sorting: [], columns: [] })}>{t('records.allRecords')}</Menu.Item>
          {(BUILT_IN_VIEWS[entity.name] ?? []).map((v) => (
            <Menu.Item key={v.key} onClick={() => apply({ definition: v.definition })} data-testid={`view-${v.key}`}>{t(v.labelKey)}</Menu.Item>
          ))}
          {(views.data?.data ?? []).map((v) => (
            <Menu.Item key={v.id} onClick={() => apply(v)}>{v.name}{v.shared ? ' ·' : ''}</Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={open} data-testid="save-view">{t('records.saveView')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={opened} onClose={close} title={t('records.saveView')}>
        <Stack>
          <TextInput label={t('records.viewName')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          <Checkbox label={t('records.sharedView')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('app.cancel')}</Button>
            <Button onClick={() => void save()} disabled={!name.trim()}>{t('app.save')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
