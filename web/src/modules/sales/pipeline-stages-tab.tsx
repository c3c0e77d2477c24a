import { ActionIcon, Alert, Button, Group, MultiSelect, NumberInput, Select, Stack, Table, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.ts';
import { errorMessage, showSuccess } from '../../app/errors.ts';
import { fieldLabel } from '../../app/labels.ts';
import { useMeta } from '../../app/meta.ts';

interface StageRow {
  id?: string;
  name: string;
  probability: number;
  outcome: 'open' | 'won' | 'lost';
  requiredFields: string[];
}

const REQUIRABLE = ['partnerId', 'contactId', 'amount', 'currency', 'expectedClose', 'source', 'lostReason', 'nextStep', 'description'];

/** A pipeline's stages: order, name, probability, outcome and the fields each requires (administrators edit). */
export default function PipelineStagesTab({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const meta = useMeta();
  const queryClient = useQueryClient();
  const opportunity = meta.data?.entities.find((e) => e.name === 'opportunity');
  const stages = useQuery({ queryKey: ['stages', id], queryFn: () => api<{ data: StageRow[] }>(`/api/v1/pipelines/${id}/stages`) });
  const [rows, setRows] = useState<StageRow[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const list = rows ?? stages.data?.data ?? [];
  const set = (i: number, patch: Partial<StageRow>) => setRows(list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const swap = (i: number, j: number) => {
    const next = [...list];
    [next[i], next[j]] = [next[j]!, next[i]!];
    setRows(next);
  };
  const label = (name: string) => {
    const field = opportunity?.fields.find((f) => f.name === name);
    return field ? fieldLabel(t, field) : name;
  };
  const save = async () => {
    setProblem(null);
    try {
      const body = { stages: list.map(({ id: stageId, name, probability, outcome, requiredFields }) => ({ ...(stageId ? { id: stageId } : {}), name, probability, outcome, requiredFields })) };
      await api(`/api/v1/pipelines/${id}/stages`, { method: 'PUT', body });
      setRows(null);
      await queryClient.invalidateQueries({ queryKey: ['stages', id] });
      showSuccess(t('record.saved'));
    } catch (error) {
      const first = error instanceof ApiError ? error.fieldErrors[0] : undefined;
      setProblem(first ? t(first.message, { defaultValue: error instanceof ApiError ? error.message : '' }) : errorMessage(error, t));
    }
  };
  return (
    <Stack data-testid="pipeline-stages">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th>{t('sales.probability')}</Table.Th>
            <Table.Th>{t('sales.outcome')}</Table.Th>
            <Table.Th>{t('sales.requires')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((row, i) => (
            <Table.Tr key={row.id ?? `new-${row.name}`}>
              <Table.Td><TextInput value={row.name} onChange={(e) => set(i, { name: e.currentTarget.value })} disabled={!canEdit} aria-label={t('fields.name')} /></Table.Td>
              <Table.Td w={100}><NumberInput value={row.probability} min={0} max={100} suffix="%" onChange={(v) => set(i, { probability: Number(v) || 0 })} disabled={!canEdit} aria-label={t('sales.probability')} /></Table.Td>
              <Table.Td w={130}>
                <Select
                  value={row.outcome}
                  data={(['open', 'won', 'lost'] as const).map((o) => ({ value: o, label: t(`sales.outcomes.${o}`) }))}
                  onChange={(v) => v && set(i, { outcome: v as StageRow['outcome'] })}
                  allowDeselect={false}
                  disabled={!canEdit}
                  aria-label={t('sales.outcome')}
                />
              </Table.Td>
              <Table.Td>
                <MultiSelect
                  value={row.requiredFields}
                  data={REQUIRABLE.map((f) => ({ value: f, label: label(f) }))}
                  onChange={(v) => set(i, { requiredFields: v })}
                  disabled={!canEdit}
                  aria-label={t('sales.requires')}
                />
              </Table.Td>
              <Table.Td w={110}>
                {canEdit && (
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon variant="subtle" disabled={i === 0} onClick={() => swap(i, i - 1)} aria-label={t('sales.up')}>↑</ActionIcon>
                    <ActionIcon variant="subtle" disabled={i === list.length - 1} onClick={() => swap(i, i + 1)} aria-label={t('sales.down')}>↓</ActionIcon>
                    <ActionIcon variant="subtle" color="red" onClick={() => setRows(list.filter((_, j) => j !== i))} aria-label={t('app.delete')}>×</ActionIcon>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {problem && <Alert color="red">{problem}</Alert>}
      {canEdit && (
        <Group>
          <Button variant="default" onClick={() => setRows([...list, { name: `${list.length + 1}`, probability: 50, outcome: 'open', requiredFields: [] }])}>{t('sales.addStage')}</Button>
          <Button onClick={() => void save()} disabled={rows === null} data-testid="save-stages">{t('app.save')}</Button>
        </Group>
      )}
    </Stack>
  );
}
