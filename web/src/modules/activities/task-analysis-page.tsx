import { Alert, Button, Group, Menu, MultiSelect, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, qs } from '../../app/api.ts';
import { Bar, StackedColumns } from '../../app/charts.tsx';
import { csvSeparator, downloadText, toCsv } from '../../app/csv.ts';
import { errorMessage, showError } from '../../app/errors.ts';
import { formatDate, formatNumber } from '../../app/format.ts';
import { enumOptions } from '../../app/labels.ts';
import { useMeta } from '../../app/meta.ts';
import { downloadXlsx } from '../../app/xlsx.ts';
import { toZonedInput, userTimeZone } from '../../app/time-zone.ts';
import { type Analysis, analysisTables, type View, type Workload } from './task-analysis-logic.ts';

const TYPES = ['call', 'meeting', 'offer', 'follow_up', 'other'];
const timeZone = userTimeZone();
// calendar days in the user's zone (a UTC date is yesterday's until 02:00 or 03:00 in Bucharest)
const day = (offset: number) => toZonedInput(new Date(Date.now() + offset * 86_400_000), timeZone).slice(0, 10);

function useOptions(path: string, q = '') {
  return useQuery({
    queryKey: ['analysis-options', path, q],
    queryFn: () => api<{ data: { id: string; name?: string }[] }>(`/api/v1/${path}${qs({ limit: 200, fields: 'id,name', sort: 'name', q })}`),
    select: (r) => r.data.map((x) => ({ value: x.id, label: String(x.name ?? x.id) })),
  });
}

/** Task analysis (A6): tasks due, open, overdue and done per day or week and per person or partner; workload per person; chart, tables, CSV and XLSX. */
export default function TaskAnalysisPage() {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const task = meta.data?.entities.find((e) => e.name === 'task');
  const canExport = Boolean(task && task.permissions.export !== 'none');
  const [from, setFrom] = useState(day(-28));
  const [to, setTo] = useState(day(14));
  const [unit, setUnit] = useState<'day' | 'week'>('day');
  const [by, setBy] = useState<'user' | 'partner'>('user');
  const [view, setView] = useState<View>('rows');
  const [userIds, setUserIds] = useState<string[]>([]);
  const [orgUnitId, setOrgUnitId] = useState<string | null>(null);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [partnerSearch, setPartnerSearch] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const users = useOptions('users');
  const units = useOptions('org-units');
  const partners = useOptions('partners', partnerSearch);

  const filter = { from, to, timeZone, userIds: userIds.join(','), orgUnitId, partnerId, types: types.join(',') };
  const ready = Boolean(from && to);
  const analysis = useQuery({
    queryKey: ['task-analysis', filter, unit, by],
    queryFn: () => api<Analysis>(`/api/v1/tasks/analysis${qs({ ...filter, unit, by })}`),
    enabled: ready,
    retry: false,
  });
  const workload = useQuery({
    queryKey: ['task-workload', filter],
    queryFn: () => api<Workload>(`/api/v1/tasks/workload${qs(filter)}`),
    enabled: ready,
    retry: false,
  });
  const tables = analysisTables(t, i18n.language, analysis.data, workload.data);
  const current = tables[view];
  const fileName = `${t('taskAnalysis.title')} ${from} ${to}`;
  const exportXlsx = () => downloadXlsx('activities', fileName, [tables.rows, tables.cells, tables.workload].map(({ name, columns, rows }) => ({ name, columns, rows }))).catch((error) => showError(error, t));
  const exportCsv = () => downloadText(`${fileName} ${current.name}.csv`, toCsv([current.columns.map((c) => c.header), ...current.rows.map((r) => r.map((v) => String(v ?? '')))], csvSeparator(i18n.language)));
  const error = analysis.error ?? workload.error;
  // the field's own message (a period too long, an unknown zone) in the reader's language
  const reason = (e: unknown) => (e instanceof ApiError && e.fieldErrors[0]?.message.startsWith('validation.') ? t(e.fieldErrors[0].message) : errorMessage(e, t));
  const maxLoad = Math.max(1, ...(workload.data?.rows ?? []).map((r) => r.unfinished));
  const maxRow = Math.max(1, ...(analysis.data?.rows ?? []).map((r) => r.due + r.done));
  const legend = [
    { name: t('taskAnalysis.columns.overdue'), color: 'red.6' },
    { name: t('taskAnalysis.columns.open'), color: 'blue.5' },
    { name: t('taskAnalysis.columns.done'), color: 'teal.5' },
  ];

  return (
    <Stack data-testid="task-analysis">
      <Group justify="space-between">
        <Title order={2} size="h3">{t('taskAnalysis.title')}</Title>
        <Button component={Link} to="/r/tasks" variant="subtle">{t('plural.task')}</Button>
      </Group>
      <Text size="sm" c="dimmed">{t('taskAnalysis.hint')}</Text>
      <Group align="flex-end" gap="sm">
        <TextInput type="date" label={t('reports.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} data-testid="analysis-from" />
        <TextInput type="date" label={t('reports.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} data-testid="analysis-to" />
        <SegmentedControl value={unit} onChange={(v) => setUnit(v as 'day' | 'week')} data={[{ value: 'day', label: t('taskAnalysis.day') }, { value: 'week', label: t('taskAnalysis.week') }]} data-testid="analysis-unit" />
        <SegmentedControl value={by} onChange={(v) => setBy(v as 'user' | 'partner')} data={[{ value: 'user', label: t('taskAnalysis.byUser') }, { value: 'partner', label: t('taskAnalysis.byPartner') }]} data-testid="analysis-by" />
      </Group>
      <Group align="flex-end" gap="sm">
        <MultiSelect label={t('taskAnalysis.users')} data={users.data ?? []} value={userIds} onChange={setUserIds} searchable clearable w={260} data-testid="analysis-users" />
        <Select label={t('fields.orgUnitId')} data={units.data ?? []} value={orgUnitId} onChange={setOrgUnitId} searchable clearable w={200} data-testid="analysis-unit-filter" />
        <Select label={t('entities.partner')} data={partners.data ?? []} value={partnerId} onChange={setPartnerId} searchable clearable w={220}
          searchValue={partnerSearch} onSearchChange={setPartnerSearch} filter={({ options }) => options} data-testid="analysis-partner" />
        <MultiSelect label={t('fields.type')} data={enumOptions(t, 'task', 'type', TYPES) ?? []} value={types} onChange={setTypes} searchable clearable w={220} data-testid="analysis-types" />
        {canExport && (
          <Menu>
            <Menu.Target><Button variant="default" data-testid="analysis-export">{t('records.export')}</Button></Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void exportXlsx()} data-testid="analysis-export-xlsx">{t('records.exportXlsx')}</Menu.Item>
              <Menu.Item onClick={exportCsv} disabled={!current.rows.length} data-testid="analysis-export-csv">{t('records.exportCsv')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {error && <Alert color="red" data-testid="analysis-error">{reason(error)}</Alert>}
      {analysis.data && (
        <Paper withBorder p="sm">
          <StackedColumns
            legend={legend}
            columns={analysis.data.totals.map((p) => ({
              key: p.period,
              label: formatDate(p.period, i18n.language),
              segments: [
                { name: legend[0]!.name, value: p.overdue, color: 'red.6' },
                { name: legend[1]!.name, value: p.open, color: 'blue.5' },
                { name: legend[2]!.name, value: p.done, color: 'teal.5' },
              ],
            }))}
          />
        </Paper>
      )}
      <SegmentedControl
        value={view}
        onChange={(v) => setView(v as View)}
        data={[
          { value: 'rows', label: by === 'user' ? t('taskAnalysis.perUser') : t('taskAnalysis.perPartner') },
          { value: 'cells', label: unit === 'day' ? t('taskAnalysis.perDay') : t('taskAnalysis.perWeek') },
          { value: 'workload', label: t('taskAnalysis.workload') },
        ]}
        data-testid="analysis-view"
      />
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="analysis-table">
          <Table.Thead>
            <Table.Tr>
              {current.columns.map((c) => <Table.Th key={c.header} ta={c.numeric ? 'right' : undefined}>{c.header}</Table.Th>)}
              {view !== 'cells' && <Table.Th w="20%" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {current.rows.map((r, i) => (
              <Table.Tr key={current.keys[i]}>
                {r.map((v, j) => <Table.Td key={current.columns[j]!.header} ta={current.columns[j]!.numeric ? 'right' : undefined}>{typeof v === 'number' ? formatNumber(v, i18n.language) : v}</Table.Td>)}
                {view === 'rows' && <Table.Td><Bar percent={((analysis.data!.rows[i]!.due + analysis.data!.rows[i]!.done) / maxRow) * 100} /></Table.Td>}
                {view === 'workload' && <Table.Td><Bar percent={(workload.data!.rows[i]!.unfinished / maxLoad) * 100} color={workload.data!.rows[i]!.overdue ? 'red.6' : 'blue.5'} /></Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!analysis.isLoading && !error && current.rows.length === 0 && <Text c="dimmed">{t('records.noRows')}</Text>}
      {view === 'workload' && <Text size="xs" c="dimmed">{t('taskAnalysis.workloadHint')}</Text>}
    </Stack>
  );
}
