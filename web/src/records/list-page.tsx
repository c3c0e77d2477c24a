import { Alert, Anchor, Button, Center, Checkbox, Group, Loader, Menu, Paper, Stack, Switch, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { type ColumnDef, flexRender, getCoreRowModel, type SortingState, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, qs } from '../app/api.ts';
import { type CsvSeparator, csvSeparator } from '../app/csv.ts';
import { toLanguage } from '../app/i18n.ts';
import { errorMessage, showError, showSuccess } from '../app/errors.ts';
import { entityLabel, enumLabel, fieldLabel } from '../app/labels.ts';
import { type EntityMeta, useEntity } from '../app/meta.ts';
import { NotFoundPage } from '../app/not-found.tsx';
import { BulkUpdate } from './bulk-update.tsx';
import { CellValue } from './cell.tsx';
import { FilterBuilder, filterableFields } from './filter-builder.tsx';
import { type FilterRule, sortParam, toFilterTree } from './filters.ts';
import { LIST_ACTIONS, SELECTION_ACTIONS } from './record-actions.ts';
import { useReferenceNames } from './references.ts';
import { rowColor } from './row-colors.ts';
import { SavedViews, type ViewState } from './saved-views.tsx';
import { canSortColumn, defaultSorting, sortIndicator } from './sorting.ts';

type Row = Record<string, unknown> & { id: string };
const PAGE = 100;
const ROW_HEIGHT = 40;

/** Entities the import screen takes files for. */
const IMPORTABLE = ['partner', 'contact'];

export default function RecordListPage() {
  const { resource } = useParams();
  const { entity, isLoading, error } = useEntity(resource);
  const { t } = useTranslation();
  if (isLoading) return <Center h={200}><Loader /></Center>;
  if (error) return <Alert color="red">{errorMessage(error, t)}</Alert>;
  // a kind of record the app does not have (or the user may not see): an unknown address
  if (!entity) return <NotFoundPage />;
  return <RecordList key={entity.name} entity={entity} />;
}

function defaultColumns(entity: EntityMeta): string[] {
  const own = entity.fields.filter((f) => !['id', 'version', 'deletedAt', 'createdBy', 'updatedBy', 'createdAt', 'updatedAt', 'path'].includes(f.name) && f.type !== 'json');
  return [...own.slice(0, 6).map((f) => f.name), 'updatedAt'];
}

function RecordList({ entity }: { entity: EntityMeta }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 250);
  // the server's default sort, shown on its column; a click sorts by a column, another turns it round
  const [sorting, setSorting] = useState<SortingState>(() => defaultSorting(entity));
  const [rules, setRules] = useState<FilterRule[]>([]);
  const [match, setMatch] = useState<'and' | 'or'>('and');
  const [columns, setColumns] = useState<string[]>(() => defaultColumns(entity));
  const [trash, setTrash] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const fields = filterableFields(entity, t, i18n.language);
  const typeOf = (path: string) => fields.find((f) => f.path === path)?.type ?? 'string';
  const filter = toFilterTree(rules, match, typeOf);
  const params = {
    filter: filter ? JSON.stringify(filter) : undefined,
    sort: sortParam(sorting) || undefined,
    q: debouncedQ || undefined,
    trash: trash ? 'true' : undefined,
  };

  const query = useInfiniteQuery({
    queryKey: ['records', entity.resource, params],
    queryFn: ({ pageParam, signal }) =>
      api<{ data: Row[]; nextCursor: string | null }>(`${entity.path}${qs({ ...params, limit: PAGE, cursor: pageParam })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);

  const referenceFields = entity.fields.filter((f) => f.type === 'reference');
  const names = new Map<string, Map<string, string>>();
  for (const f of referenceFields) {
    // one hook per reference field of the entity: a stable count whatever the visible columns
    // biome-ignore lint/correctness/useHookAtTopLevel: the loop runs over the entity's fixed field list
    names.set(f.name, useReferenceNames(f.reference, columns.includes(f.name) ? rows.map((r) => String(r[f.name] ?? '')).filter(Boolean) : []));
  }

  const columnDefs = useMemo<ColumnDef<Row>[]>(() => {
    const defs: ColumnDef<Row>[] = [];
    for (const name of columns) {
      const field = entity.fields.find((f) => f.name === name);
      const custom = entity.customFields.find((c) => c.path === name);
      if (!field && !custom) continue;
      defs.push({
        id: name,
        header: field ? fieldLabel(t, field) : (custom!.label[i18n.language] ?? custom!.key),
        enableSorting: canSortColumn(entity, name),
        accessorFn: (row) => (field ? row[name] : (row.custom as Record<string, unknown> | undefined)?.[custom!.key]),
        cell: (info) => <CellValue type={field?.type ?? custom!.type} value={info.getValue()} language={i18n.language} names={names.get(name)}
          label={field?.values ? (v) => enumLabel(t, entity.name, field.name, v) : undefined} />,
      });
    }
    return defs;
  }, [columns, entity, t, i18n.language, names]);

  const table = useReactTable({
    data: rows,
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    enableMultiSort: true,
    enableSortingRemoval: false,
    sortDescFirst: false,
    isMultiSortEvent: (e) => (e as MouseEvent).shiftKey,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (row) => row.id,
  });

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= rows.length - 20 && query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  }, [lastIndex, rows.length, query]);

  const template = `40px ${columnDefs.map(() => 'minmax(140px, 1fr)').join(' ')}`;
  const canDelete = entity.permissions.delete !== 'none';
  // headers and fixed values in the reader's language; CSV split as the reader's spreadsheets expect, or the other way on request
  const exportUrl = (format: 'csv' | 'xlsx', separator?: CsvSeparator) =>
    `${entity.path}/export${qs({ format, language: toLanguage(i18n.language), separator: separator && (separator === ';' ? 'semicolon' : 'comma'), filter: params.filter, sort: params.sort, q: params.q })}`;
  const csvDefault = csvSeparator(i18n.language);
  const csvOther: CsvSeparator = csvDefault === ';' ? ',' : ';';
  const separatorName = (s: CsvSeparator) => t(s === ';' ? 'records.separatorSemicolon' : 'records.separatorComma');

  const bulkDelete = async () => {
    try {
      const res = await api<{ results: { id: string; ok: boolean }[] }>(`${entity.path}/bulk`, { method: 'POST', body: { action: 'delete', ids: [...selected] } });
      showSuccess(`${t('record.deleted')}: ${res.results.filter((r) => r.ok).length}`);
      setSelected(new Set());
      await queryClient.invalidateQueries({ queryKey: ['records', entity.resource] });
    } catch (error) {
      showError(error, t);
    }
  };

  const applyView = (view: ViewState) => {
    setRules(view.rules);
    setMatch(view.match);
    setSorting(view.sorting.length ? view.sorting : defaultSorting(entity));
    if (view.columns.length) setColumns(view.columns);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3">{entityLabel(t, entity, true)}</Title>
        <Group gap="xs">
          {(LIST_ACTIONS[entity.name] ?? []).map((a) => (
            <Button key={a.key} component={Link} to={a.path} variant="default" data-testid={`list-action-${a.key}`}>{t(a.labelKey)}</Button>
          ))}
          {IMPORTABLE.includes(entity.name) && entity.permissions.import !== 'none' && entity.permissions.create !== 'none' && (
            <Button component={Link} to={`/import/${entity.resource}`} variant="default" data-testid="import-records">{t('import.button')}</Button>
          )}
          {entity.permissions.create !== 'none' && (
            <Button component={Link} to={`/r/${entity.resource}/new`} data-testid="new-record">{t('app.new')}</Button>
          )}
        </Group>
      </Group>
      <Group gap="xs">
        <TextInput placeholder={t('records.quickSearch')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={240} data-testid="quick-search" aria-label={t('records.quickSearch')} />
        <FilterBuilder fields={fields} rules={rules} match={match} onChange={(r, m) => { setRules(r); setMatch(m); }} />
        <Menu closeOnItemClick={false}>
          <Menu.Target><Button variant="default" data-testid="columns">{t('records.columns')}</Button></Menu.Target>
          <Menu.Dropdown mah={360} style={{ overflowY: 'auto' }}>
            {[...entity.fields.map((f) => ({ id: f.name, label: fieldLabel(t, f) })), ...entity.customFields.map((c) => ({ id: c.path, label: c.label[i18n.language] ?? c.key }))].map((c) => (
              <Menu.Item key={c.id}>
                <Checkbox label={c.label} checked={columns.includes(c.id)} onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setColumns((cols) => (on ? [...cols, c.id] : cols.filter((x) => x !== c.id)));
                }} />
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <SavedViews entity={entity} current={{ rules, match, sorting, columns }} filterTree={filter} onApply={applyView} />
        {entity.permissions.export !== 'none' && (
          <Menu>
            <Menu.Target><Button variant="default" data-testid="export">{t('records.export')}</Button></Menu.Target>
            <Menu.Dropdown>
              <Menu.Item component="a" href={exportUrl('xlsx')} download data-testid="export-xlsx">{t('records.exportXlsx')}</Menu.Item>
              <Menu.Item component="a" href={exportUrl('csv', csvDefault)} download data-testid="export-csv">
                {t('records.exportCsvSeparated', { separator: separatorName(csvDefault) })}
              </Menu.Item>
              <Menu.Item component="a" href={exportUrl('csv', csvOther)} download data-testid="export-csv-other">
                {t('records.exportCsvSeparated', { separator: separatorName(csvOther) })}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
        <Switch label={t('records.trash')} checked={trash} onChange={(e) => setTrash(e.currentTarget.checked)} />
        {selected.size > 0 && entity.permissions.update !== 'none' && !trash && (
          <BulkUpdate entity={entity} ids={[...selected]} onDone={() => { setSelected(new Set()); void queryClient.invalidateQueries({ queryKey: ['records', entity.resource] }); }} />
        )}
        {selected.size > 0 && !trash && (SELECTION_ACTIONS[entity.name] ?? []).filter((a) => entity.permissions[a.permission] !== 'none').map((a) => (
          <Suspense key={a.key} fallback={null}>
            <a.component ids={[...selected]} onDone={() => { setSelected(new Set()); void queryClient.invalidateQueries({ queryKey: ['records', entity.resource] }); }} />
          </Suspense>
        ))}
        {selected.size > 0 && canDelete && !trash && (
          <Button color="red" variant="light" onClick={() => void bulkDelete()} data-testid="bulk-delete">
            {t('records.deleteSelected')} ({t('records.selected', { count: selected.size })})
          </Button>
        )}
      </Group>
      {query.error && <Alert color="red">{errorMessage(query.error, t)}</Alert>}
      <Paper withBorder style={{ overflow: 'hidden' }}>
        <div ref={scrollRef} style={{ height: 'calc(100vh - 250px)', minHeight: 240, overflow: 'auto' }} data-testid="records-table">
          <table style={{ display: 'grid', minWidth: 'max-content', borderCollapse: 'collapse' }}>
            <thead style={{ display: 'grid', position: 'sticky', top: 0, zIndex: 1, background: 'var(--mantine-color-body)' }}>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id} style={{ display: 'grid', gridTemplateColumns: template, borderBottom: '1px solid var(--mantine-color-default-border)' }}>
                  <th aria-label={t('records.selected', { count: selected.size })} />
                  {group.headers.map((header) => {
                    const dir = header.column.getIsSorted();
                    const label = flexRender(header.column.columnDef.header, header.getContext());
                    return (
                      <th key={header.id} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'} style={{ padding: '8px 10px', textAlign: 'left' }}>
                        {header.column.getCanSort() ? (
                          <UnstyledButton fw={600} onClick={header.column.getToggleSortingHandler()} data-testid={`sort-${header.id}`}>
                            {label} {sortIndicator(dir)}
                          </UnstyledButton>
                        ) : (
                          <Text fw={600} span>{label}</Text>
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody style={{ display: 'grid', height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const row = table.getRowModel().rows[item.index];
                if (!row) return null;
                return (
                  <tr key={row.id} data-testid="record-row"
                    style={{ display: 'grid', gridTemplateColumns: template, position: 'absolute', top: 0, left: 0, width: '100%', height: ROW_HEIGHT, transform: `translateY(${item.start}px)`, alignItems: 'center', background: rowColor(entity.name, row.original), borderBottom: '1px solid var(--mantine-color-default-border)' }}>
                    <td style={{ paddingLeft: 10 }}>
                      <Checkbox aria-label={row.original.id} checked={selected.has(row.original.id)} onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setSelected((s) => { const n = new Set(s); if (on) n.add(row.original.id); else n.delete(row.original.id); return n; });
                      }} />
                    </td>
                    {row.getVisibleCells().map((cell, i) => {
                      const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                      return (
                        <td key={cell.id} style={{ padding: '0 10px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                          {i === 0 ? <Anchor component={Link} to={`/r/${entity.resource}/${row.original.id}`} data-testid="record-link">{content}</Anchor> : content}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {!query.isLoading && rows.length === 0 && <Text c="dimmed" p="md">{t('records.noRows')}</Text>}
          {(query.isLoading || query.isFetchingNextPage) && <Center p="sm"><Loader size="sm" /></Center>}
        </div>
      </Paper>
    </Stack>
  );
}
