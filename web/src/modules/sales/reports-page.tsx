import { Alert, Anchor, Button, Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, qs } from '../../app/api.ts';
import { Bar } from '../../app/charts.tsx';
import { csvSeparator, downloadText, toCsv } from '../../app/csv.ts';
import { errorMessage, showError } from '../../app/errors.ts';
import { formatDate, formatMoney, formatNumber } from '../../app/format.ts';
import { useMeta } from '../../app/meta.ts';
import { useMe } from '../../app/session.ts';
import { downloadXlsx } from '../../app/xlsx.ts';
import { funnelWidths } from './board-logic.ts';

type Kind = 'forecast' | 'funnel' | 'turnover' | 'lostReasons' | 'sources' | 'leadSources' | 'salespeople';
type Row = Record<string, string | number | null>;
interface Report {
  base: string;
  rows: Row[];
  winRate?: number | null;
  won?: number;
  lost?: number;
  averageCycleDays?: number | null;
  pipelineId?: string;
}

/** Columns of each report: field, whether it is money (base currency), and the bar it draws. */
const COLUMNS: Record<Kind, { field: string; money?: boolean; percent?: boolean }[]> = {
  forecast: [{ field: 'period' }, { field: 'ownerName' }, { field: 'count' }, { field: 'amount', money: true }, { field: 'weighted', money: true }],
  funnel: [{ field: 'key' }, { field: 'reached' }, { field: 'reachedAmount', money: true }, { field: 'conversion', percent: true }, { field: 'current' }, { field: 'currentAmount', money: true }],
  turnover: [{ field: 'month' }, { field: 'label' }, { field: 'planned', money: true }, { field: 'actual', money: true }],
  lostReasons: [{ field: 'key' }, { field: 'count' }, { field: 'amount', money: true }],
  sources: [{ field: 'key' }, { field: 'opportunities' }, { field: 'won' }, { field: 'lost' }, { field: 'winRate', percent: true }, { field: 'wonAmount', money: true }, { field: 'openWeighted', money: true }],
  leadSources: [{ field: 'key' }, { field: 'leads' }, { field: 'converted' }, { field: 'conversionRate', percent: true }, { field: 'opportunities' }, { field: 'won' }, { field: 'winRate', percent: true }, { field: 'wonAmount', money: true }],
  salespeople: [{ field: 'key' }, { field: 'opportunities' }, { field: 'won' }, { field: 'lost' }, { field: 'winRate', percent: true }, { field: 'wonAmount', money: true }, { field: 'openWeighted', money: true }],
};
const BAR: Record<Kind, string> = { forecast: 'weighted', funnel: 'reached', turnover: 'actual', lostReasons: 'count', sources: 'wonAmount', leadSources: 'wonAmount', salespeople: 'wonAmount' };

const year = new Date().getFullYear();
/** Count columns (numbers in a spreadsheet). */
const NUMERIC = new Set(['count', 'opportunities', 'won', 'lost', 'reached', 'current', 'leads', 'converted']);

/** Sales reports (S2, S3, S6, R3): forecast, funnel, turnover against plan, lost reasons, opportunity and lead sources, salespeople; table, bars, CSV and XLSX. */
export default function SalesReportsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const meta = useMeta();
  const canExport = meta.data?.entities.some((e) => e.name === 'opportunity' && e.permissions.export !== 'none') ?? false;
  const [kind, setKind] = useState<Kind>('forecast');
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year + 1}-12-31`);
  const [by, setBy] = useState('productGroup');
  const [pipelineId, setPipelineId] = useState<string | null>(null);
  const pipelines = useQuery({
    queryKey: ['pipelines'],
    queryFn: () => api<{ data: { id: string; name: string }[] }>(`/api/v1/pipelines${qs({ limit: 100 })}`),
    enabled: kind === 'funnel',
  });
  const url =
    kind === 'forecast'
      ? `/api/v1/sales/forecast${qs({ from, to })}`
      : kind === 'turnover'
        ? `/api/v1/sales/turnover${qs({ from, to, by })}`
        : `/api/v1/sales/reports/${kind}${qs({ from, to, pipelineId: kind === 'funnel' ? pipelineId : null })}`;
  const report = useQuery({ queryKey: ['sales-report', url], queryFn: () => api<Report>(url), enabled: Boolean(from && to), retry: false });
  const columns = COLUMNS[kind];
  const rows = report.data?.rows ?? [];
  const base = report.data?.base ?? 'EUR';
  const widths = funnelWidths(rows.map((r) => Number(r[BAR[kind]] ?? 0)));
  const show = (col: (typeof columns)[number], value: string | number | null) => {
    if (value === null || value === undefined || value === '') return col.field === 'key' || col.field === 'label' ? t('reports.none') : '';
    if (col.money) return formatMoney(value, base, i18n.language);
    if (col.percent) return `${formatNumber(value, i18n.language)} %`;
    if (col.field === 'period' || col.field === 'month') return formatDate(String(value), i18n.language).replace(/^\d+\s/, '');
    return typeof value === 'number' || /^\d+$/.test(String(value)) ? formatNumber(value, i18n.language) : String(value);
  };
  const exportCsv = () =>
    downloadText(`${t(`reports.kinds.${kind}`)}-${from}-${to}.csv`, toCsv([columns.map((c) => t(`reports.columns.${c.field}`)), ...rows.map((r) => columns.map((c) => String(r[c.field] ?? '')))], csvSeparator(i18n.language)));
  const exportXlsx = () =>
    downloadXlsx('sales', `${t(`reports.kinds.${kind}`)} ${from} ${to}`, [
      {
        name: t(`reports.kinds.${kind}`),
        columns: columns.map((c) => ({ header: t(`reports.columns.${c.field}`), numeric: Boolean(c.money || c.percent) || NUMERIC.has(c.field) })),
        rows: rows.map((r) => columns.map((c) => (r[c.field] === undefined ? null : r[c.field]!))),
      },
    ]).catch((error) => showError(error, t));
  const missing = report.error instanceof ApiError && Array.isArray(report.error.body.missing) ? (report.error.body.missing as string[]) : null;

  return (
    <Stack data-testid="sales-reports">
      <Group justify="space-between">
        <Title order={2} size="h3">{t('reports.title')}</Title>
        <Group gap="xs">
          <Anchor component={Link} to="/r/sales-targets">{t('plural.salesTarget')}</Anchor>
          {me.data?.user.isAdmin && <Anchor component={Link} to="/settings/exchange-rates">{t('reports.rates')}</Anchor>}
        </Group>
      </Group>
      <SegmentedControl
        value={kind}
        onChange={(v) => setKind(v as Kind)}
        data={(Object.keys(COLUMNS) as Kind[]).map((k) => ({ value: k, label: t(`reports.kinds.${k}`) }))}
        data-testid="report-kind"
      />
      <Group align="flex-end">
        <TextInput type="date" label={t('reports.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('reports.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        {kind === 'funnel' && (pipelines.data?.data.length ?? 0) > 1 && (
          <Select label={t('entities.pipeline')} data={(pipelines.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))} value={pipelineId ?? report.data?.pipelineId ?? null}
            onChange={setPipelineId} data-testid="funnel-pipeline" />
        )}
        {kind === 'turnover' && (
          <SegmentedControl
            value={by}
            onChange={setBy}
            data={['productGroup', 'owner', 'partner'].map((b) => ({ value: b, label: t(`reports.by.${b}`) }))}
            data-testid="turnover-by"
          />
        )}
        <Button variant="default" onClick={exportCsv} disabled={!rows.length} data-testid="report-csv">{t('records.exportCsv')}</Button>
        {canExport && <Button variant="default" onClick={() => void exportXlsx()} disabled={!rows.length} data-testid="report-xlsx">{t('records.exportXlsx')}</Button>}
      </Group>
      {missing && (
        <Alert color="yellow" data-testid="report-missing-rates">
          {t('reports.missingRates', { currencies: missing.join(', '), base: String((report.error as ApiError).body.base ?? '') })}
        </Alert>
      )}
      {report.error && !missing && (
        <Alert color="red" data-testid="report-error">
          {report.error instanceof ApiError && report.error.fieldErrors[0]?.message.startsWith('validation.') ? t(report.error.fieldErrors[0].message) : errorMessage(report.error, t)}
        </Alert>
      )}
      {kind === 'forecast' && report.data && (
        <Group data-testid="forecast-summary">
          <Text size="sm">{t('reports.winRate')}: <b>{report.data.winRate === null || report.data.winRate === undefined ? '—' : `${formatNumber(report.data.winRate, i18n.language)} %`}</b></Text>
          <Text size="sm">{t('reports.cycle')}: <b>{report.data.averageCycleDays === null || report.data.averageCycleDays === undefined ? '—' : formatNumber(report.data.averageCycleDays, i18n.language)}</b></Text>
        </Group>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="report-table">
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => <Table.Th key={c.field} ta={c.money || c.percent ? 'right' : undefined}>{t(`reports.columns.${c.field}`)}</Table.Th>)}
              <Table.Th w="25%" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={columns.map((c) => String(r[c.field])).join('|')}>
                {columns.map((c) => <Table.Td key={c.field} ta={c.money || c.percent ? 'right' : undefined}>{show(c, r[c.field] ?? null)}</Table.Td>)}
                <Table.Td>
                  <Bar percent={widths[i] ?? 0} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!report.isLoading && !report.error && rows.length === 0 && <Text c="dimmed">{t('records.noRows')}</Text>}
    </Stack>
  );
}
