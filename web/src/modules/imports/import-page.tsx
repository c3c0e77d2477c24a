import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Checkbox,
  FileInput,
  Group,
  Loader,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, qs } from '../../app/api.ts';
import { downloadText } from '../../app/csv.ts';
import { errorMessage } from '../../app/errors.ts';
import { formatNumber } from '../../app/format.ts';
import { customLabel, entityLabel, fieldLabel } from '../../app/labels.ts';
import { type EntityMeta, useEntity } from '../../app/meta.ts';
import {
  type Analysis,
  assign,
  type ImportState,
  type ImportTarget,
  isRunning,
  type Mapping,
  missingRequired,
  percent,
  type RejectedRow,
  reasonText,
  rejectedCsv,
  toCommaBelow,
} from './import-logic.ts';

const ENCODINGS = ['utf-8', 'windows-1250', 'windows-1251', 'utf-16le'];
const DELIMITERS = [
  { value: ',', key: 'comma' },
  { value: ';', key: 'semicolon' },
  { value: '\t', key: 'tab' },
];

/** A problem the server reported about the file, in the reader's language (line, limits …). */
function problemText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    const key = error.fieldErrors.find((e) => e.message.startsWith('import.'))?.message;
    if (key) return t(key, { ...error.body, defaultValue: error.message });
  }
  return errorMessage(error, t);
}

function targetLabel(t: TFunction, language: string, entity: EntityMeta, target: ImportTarget): string {
  if (target.key === 'partner') return t('import.partnerLink');
  if (target.label) return customLabel({ key: target.key.replace(/^custom\./, ''), path: target.key, type: target.type, label: target.label, options: null, required: target.required }, language);
  const field = entity.fields.find((f) => f.name === target.key);
  return field ? fieldLabel(t, field) : target.key;
}

/** Import of partners or contacts: upload, mapping with preview, dry run, import with progress, report. */
export default function ImportPage() {
  const { resource } = useParams();
  const { entity, isLoading } = useEntity(resource);
  const { t } = useTranslation();
  if (isLoading) return <Center h={200}><Loader /></Center>;
  if (!entity || entity.permissions.import === 'none' || entity.permissions.create === 'none') {
    return <Alert color="red">{t('errors.forbidden')}</Alert>;
  }
  return <ImportWizard key={entity.name} entity={entity} />;
}

function ImportWizard({ entity }: { entity: EntityMeta }) {
  const { t } = useTranslation();
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Mapping>([]);
  const [onDuplicate, setOnDuplicate] = useState<'skip' | 'update'>('skip');
  const [correctCedillas, setCorrectCedillas] = useState(false);

  const loaded = (a: Analysis) => {
    setAnalysis(a);
    setMapping(a.suggested);
    setCorrectCedillas(a.correctCedillasSuggested);
    setRunId(null);
  };

  return (
    <Stack gap="md" data-testid="import-page">
      <Group justify="space-between">
        <Title order={2} size="h3">{t('import.title', { entity: entityLabel(t, entity, true) })}</Title>
        <Anchor component={Link} to={`/r/${entity.resource}`}>{t('import.openList')}</Anchor>
      </Group>
      {!analysis && <UploadStep entity={entity} onLoaded={loaded} />}
      {analysis && !runId && (
        <MappingStep
          entity={entity}
          analysis={analysis}
          mapping={mapping}
          onMapping={setMapping}
          onDuplicate={onDuplicate}
          onDuplicateChange={setOnDuplicate}
          correctCedillas={correctCedillas}
          onCorrectCedillasChange={setCorrectCedillas}
          onReanalysed={(a) => { setAnalysis(a); setMapping(a.suggested); setCorrectCedillas(a.correctCedillasSuggested); }}
          onStarted={() => setRunId(analysis.id)}
          onRestart={() => setAnalysis(null)}
        />
      )}
      {analysis && runId && (
        <RunStep
          entity={entity}
          analysis={analysis}
          mapping={mapping}
          onDuplicate={onDuplicate}
          correctCedillas={correctCedillas}
          onBack={() => setRunId(null)}
          onRestart={() => { setAnalysis(null); setRunId(null); }}
        />
      )}
    </Stack>
  );
}

function UploadStep({ entity, onLoaded }: { entity: EntityMeta; onLoaded: (a: Analysis) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const response = await fetch(`/api/v1/imports${qs({ entity: entity.name })}`, { method: 'POST', body: form, credentials: 'include' });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new ApiError(response.status, body);
      onLoaded(body as Analysis);
    } catch (error) {
      setProblem(problemText(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <Stack>
        <FileInput
          label={t('import.chooseFile')}
          description={t('import.fileHint')}
          accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={setFile}
          clearable
          data-testid="import-file"
        />
        {problem && <Alert color="red" data-testid="import-problem">{problem}</Alert>}
        <Group>
          <Button onClick={() => void upload()} disabled={!file} loading={busy} data-testid="import-upload">{t('import.upload')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}

interface MappingProps {
  entity: EntityMeta;
  analysis: Analysis;
  mapping: Mapping;
  onMapping: (m: Mapping) => void;
  onDuplicate: 'skip' | 'update';
  onDuplicateChange: (v: 'skip' | 'update') => void;
  correctCedillas: boolean;
  onCorrectCedillasChange: (v: boolean) => void;
  onReanalysed: (a: Analysis) => void;
  onStarted: () => void;
  onRestart: () => void;
}

function MappingStep(props: MappingProps) {
  const { entity, analysis, mapping, onMapping, onDuplicate, onDuplicateChange, correctCedillas, onCorrectCedillasChange, onReanalysed, onStarted, onRestart } = props;
  const { t, i18n } = useTranslation();
  const [saveAs, setSaveAs] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const options = useMemo(
    () => [
      { value: '', label: t('import.skipColumn') },
      ...analysis.targets.map((target) => ({
        value: target.key,
        label: `${targetLabel(t, i18n.language, entity, target)}${target.required ? ' *' : ''}`,
      })),
    ],
    [analysis.targets, entity, i18n.language, t],
  );
  // columns are positional: the same header may appear twice
  const columns = useMemo(() => analysis.headers.map((header, index) => ({ id: `c${index}:${header}`, header, index })), [analysis.headers]);
  const missing = missingRequired(analysis.targets, mapping);
  const labelOf = (key: string) => options.find((o) => o.value === key)?.label.replace(/ \*$/, '') ?? key;
  // the preview shows the letters as they will be written
  const shown = (text: string) => (analysis.cedillaLetters && correctCedillas ? toCommaBelow(text) : text);

  const reread = async (change: { encoding?: string; delimiter?: string }) => {
    setProblem(null);
    try {
      onReanalysed(await api<Analysis>(`/api/v1/imports/${analysis.id}/analysis`, { method: 'POST', body: change }));
    } catch (error) {
      setProblem(problemText(error, t));
    }
  };
  const start = async (dryRun: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      await api(`/api/v1/imports/${analysis.id}/run`, {
        method: 'POST',
        body: { mapping, dryRun, onDuplicate, correctCedillas: analysis.cedillaLetters && correctCedillas, ...(saveAs.trim() ? { saveMappingAs: saveAs.trim() } : {}) },
      });
      onStarted();
    } catch (error) {
      setProblem(problemText(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Group gap="md" align="flex-end">
        <Text fw={600} data-testid="import-file-name">{analysis.fileName}</Text>
        {analysis.format === 'csv' && (
          <>
            <Select
              label={t('import.encoding')}
              data={ENCODINGS}
              value={analysis.encoding}
              onChange={(v) => v && void reread({ encoding: v })}
              allowDeselect={false}
              w={170}
              data-testid="import-encoding"
            />
            <Select
              label={t('import.delimiter')}
              data={DELIMITERS.map((d) => ({ value: d.value, label: t(`import.delimiters.${d.key}`) }))}
              value={analysis.delimiter}
              onChange={(v) => v && void reread({ delimiter: v })}
              allowDeselect={false}
              w={170}
              data-testid="import-delimiter"
            />
          </>
        )}
        <Button variant="subtle" onClick={onRestart}>{t('import.otherFile')}</Button>
      </Group>
      {analysis.savedMapping && <Alert color="blue">{t('import.savedMappingApplied', { name: analysis.savedMapping.name })}</Alert>}
      {analysis.cedillaLetters && (
        <Checkbox
          label={t('import.correctCedillas')}
          description={t(analysis.correctCedillasSuggested ? 'import.correctCedillasSuggested' : 'import.correctCedillasHint')}
          checked={correctCedillas}
          onChange={(e) => onCorrectCedillasChange(e.currentTarget.checked)}
          data-testid="import-correct-cedillas"
        />
      )}
      <Table striped withTableBorder data-testid="import-mapping">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('import.column')}</Table.Th>
            <Table.Th>{t('import.samples')}</Table.Th>
            <Table.Th>{t('import.target')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {columns.map(({ id, header, index: i }) => (
            <Table.Tr key={id}>
              <Table.Td fw={600}>{header}</Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" lineClamp={2}>
                  {analysis.preview.slice(0, 3).map((r) => shown(r[i] ?? '')).filter(Boolean).join(' · ')}
                </Text>
              </Table.Td>
              <Table.Td w={280}>
                <Select
                  data={options}
                  value={mapping[i] ?? ''}
                  onChange={(v) => onMapping(assign(mapping, i, v ? v : null))}
                  searchable
                  allowDeselect={false}
                  aria-label={`${t('import.target')}: ${header}`}
                  data-testid={`import-target-${i}`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3} size="h5">{t('import.preview')}</Title>
      <Table.ScrollContainer minWidth={500}>
        <Table withTableBorder data-testid="import-preview">
          <Table.Thead>
            <Table.Tr>
              {columns.map(({ id, header, index: i }) => (
                <Table.Th key={id}>{mapping[i] ? labelOf(mapping[i]!) : <Text size="sm" c="dimmed" td="line-through">{header}</Text>}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {analysis.preview.slice(0, 5).map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity
              <Table.Tr key={r}>
                {columns.map(({ id, index: i }) => (
                  <Table.Td key={id} c={mapping[i] ? undefined : 'dimmed'}>{shown(row[i] ?? '')}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('import.onDuplicate')}</Text>
          <SegmentedControl
            value={onDuplicate}
            onChange={(v) => onDuplicateChange(v as 'skip' | 'update')}
            data={[
              { value: 'skip', label: t('import.duplicateSkip') },
              ...(entity.permissions.update !== 'none' ? [{ value: 'update', label: t('import.duplicateUpdate') }] : []),
            ]}
            data-testid="import-on-duplicate"
          />
        </Stack>
        <TextInput label={t('import.saveMappingAs')} value={saveAs} onChange={(e) => setSaveAs(e.currentTarget.value)} maxLength={100} />
      </SimpleGrid>
      {missing.length > 0 && (
        <Alert color="yellow" data-testid="import-missing">{t('import.requiredMissing', { fields: missing.map(labelOf).join(', ') })}</Alert>
      )}
      {problem && <Alert color="red" data-testid="import-problem">{problem}</Alert>}
      <Group>
        <Button variant="light" onClick={() => void start(true)} disabled={missing.length > 0} loading={busy} data-testid="import-dry-run">{t('import.dryRun')}</Button>
        <Button onClick={() => void start(false)} disabled={missing.length > 0} loading={busy} data-testid="import-run">{t('import.run')}</Button>
      </Group>
    </Stack>
  );
}

interface RunProps {
  entity: EntityMeta;
  analysis: Analysis;
  mapping: Mapping;
  onDuplicate: 'skip' | 'update';
  correctCedillas: boolean;
  onBack: () => void;
  onRestart: () => void;
}

function RunStep({ entity, analysis, mapping, onDuplicate, correctCedillas, onBack, onRestart }: RunProps) {
  const { t, i18n } = useTranslation();
  const status = useQuery({
    queryKey: ['import', analysis.id],
    queryFn: () => api<ImportState>(`/api/v1/imports/${analysis.id}`),
    refetchInterval: (query) => (query.state.data && !isRunning(query.state.data) ? false : 700),
  });
  const state = status.data;
  const finished = state?.status === 'done';
  const rejected = useQuery({
    queryKey: ['import-rejected', analysis.id, state?.dryRun, finished],
    enabled: finished && (state?.rejectedCount ?? 0) + (state?.duplicateCount ?? 0) > 0,
    queryFn: () => api<{ data: RejectedRow[] }>(`/api/v1/imports/${analysis.id}/rejected${qs({ limit: 200 })}`),
  });
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const runForReal = async () => {
    setStarting(true);
    try {
      await api(`/api/v1/imports/${analysis.id}/run`, {
        method: 'POST',
        body: { mapping, dryRun: false, onDuplicate, correctCedillas: analysis.cedillaLetters && correctCedillas },
      });
      await status.refetch();
    } catch (error) {
      setProblem(problemText(error, t));
    } finally {
      setStarting(false);
    }
  };
  const download = async () => {
    const rows: RejectedRow[] = [];
    let after = 0;
    for (;;) {
      const page = await api<{ data: RejectedRow[]; nextAfter: number | null }>(`/api/v1/imports/${analysis.id}/rejected${qs({ after, limit: 1000 })}`);
      rows.push(...page.data);
      if (page.nextAfter === null) break;
      after = page.nextAfter;
    }
    downloadText(`${analysis.fileName.replace(/\.[^.]+$/, '')}-${t('import.rejectedFileSuffix')}.csv`, rejectedCsv(t, analysis.headers, rows));
  };

  if (!state) return <Center h={120}><Loader /></Center>;
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <Stack data-testid="import-run-step">
      <Group>
        <Badge size="lg" color={state.status === 'failed' ? 'red' : finished ? 'teal' : 'blue'} data-testid="import-status">
          {t(`import.status.${state.status}`)}
        </Badge>
        {state.dryRun && <Badge variant="outline">{t('import.dryRunBadge')}</Badge>}
        {state.resumedAt && <Badge color="yellow" variant="light" data-testid="import-resumed">{t('import.resumed')}</Badge>}
      </Group>
      {isRunning(state) && (
        <Stack gap={4}>
          <Progress value={percent(state)} animated data-testid="import-progress" />
          <Text size="sm">{t('import.progress', { done: n(state.processedRows), total: state.totalRows === null ? '…' : n(state.totalRows) })}</Text>
        </Stack>
      )}
      {state.status === 'failed' && <Alert color="red" data-testid="import-failed">{state.error}</Alert>}
      {finished && (
        <>
          <Alert color={state.dryRun ? 'blue' : 'teal'}>{state.dryRun ? t('import.dryRunNote') : t('import.doneNote')}</Alert>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Counter label={t('import.created')} value={n(state.createdCount)} testId="import-created" />
            <Counter label={t('import.updated')} value={n(state.updatedCount)} testId="import-updated" />
            <Counter label={t('import.duplicates')} value={n(state.duplicateCount)} testId="import-duplicates" />
            <Counter label={t('import.rejected')} value={n(state.rejectedCount)} testId="import-rejected" />
          </SimpleGrid>
        </>
      )}
      {problem && <Alert color="red">{problem}</Alert>}
      {finished && (rejected.data?.data.length ?? 0) > 0 && (
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={3} size="h5">{t('import.rejectedRows')}</Title>
            <Button variant="default" size="xs" onClick={() => void download()} data-testid="import-download-rejected">{t('import.downloadRejected')}</Button>
          </Group>
          <Table striped withTableBorder data-testid="import-rejected-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.row')}</Table.Th>
                <Table.Th>{t('import.reason')}</Table.Th>
                <Table.Th>{t('import.messages')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rejected.data!.data.map((r) => (
                <Table.Tr key={r.rowNumber}>
                  <Table.Td>{r.rowNumber}</Table.Td>
                  <Table.Td>{t(`import.reasons.${r.reason}`)}</Table.Td>
                  <Table.Td>
                    {r.messages.map((m) =>
                      m.message === 'import.errors.duplicateExisting' && m.field ? (
                        <Anchor key={m.field} component={Link} to={`/r/${entity.resource}/${m.field}`} size="sm">{reasonText(t, m)}</Anchor>
                      ) : (
                        <Text key={`${m.column}-${m.message}`} size="sm">{reasonText(t, m)}</Text>
                      ),
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      <Group>
        {finished && state.dryRun && (
          <Button onClick={() => void runForReal()} loading={starting} data-testid="import-run-now">{t('import.runNow')}</Button>
        )}
        {!isRunning(state) && <Button variant="default" onClick={onBack}>{t('import.backToMapping')}</Button>}
        {!isRunning(state) && <Button variant="subtle" onClick={onRestart}>{t('import.otherFile')}</Button>}
        {finished && !state.dryRun && <Button component={Link} to={`/r/${entity.resource}`} variant="light" data-testid="import-open-list">{t('import.openList')}</Button>}
      </Group>
    </Stack>
  );
}

function Counter({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={700} size="xl" data-testid={testId}>{value}</Text>
    </Card>
  );
}
