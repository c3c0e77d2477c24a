import { Alert, Anchor, Button, Checkbox, Grid, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { errorMessage, showError } from '../../app/errors.ts';
import { formatDate } from '../../app/format.ts';
import { useMeta } from '../../app/meta.ts';
import { useReferenceNames } from '../../records/references.ts';
import { assignRoundRobin, poolQuery, RotationPicker, usePool } from './lead-assignment.tsx';

interface Lead {
  id: string;
  name: string;
  leadSource: string | null;
  ownerId: string | null;
  createdAt: string;
}

const LIMIT = 200;

/** Round-robin assignment of leads (S1): pick the rotation, see who is next, give the unassigned (or chosen) leads in turn. */
export default function LeadAssignmentPage() {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const queryClient = useQueryClient();
  const partner = meta.data?.entities.find((e) => e.name === 'partner');
  const [pool, setPool] = usePool();
  const [which, setWhich] = useState<'unassigned' | 'all'>('unassigned');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const filter = which === 'unassigned' ? { and: [{ field: 'status', op: 'eq', value: 'lead' }, { field: 'ownerId', op: 'isNull', value: true }] } : { field: 'status', op: 'eq', value: 'lead' };
  const leads = useQuery({
    queryKey: ['records', 'partners', 'lead-assignment', which],
    queryFn: () => api<{ data: Lead[]; nextCursor: string | null }>(`/api/v1/partners${qs({ filter: JSON.stringify(filter), sort: 'createdAt', limit: LIMIT, fields: 'id,name,leadSource,ownerId,createdAt' })}`),
  });
  const rows = leads.data?.data ?? [];
  const owners = useReferenceNames('user', rows.map((r) => r.ownerId ?? '').filter(Boolean));
  const users = useQuery({
    queryKey: ['rotation-options', 'users'],
    queryFn: () => api<{ data: { id: string; name?: string }[] }>(`/api/v1/users${qs({ limit: 500, fields: 'id,name', sort: 'name' })}`),
    select: (r) => r.data.map((x) => ({ value: x.id, label: String(x.name ?? x.id) })),
  });
  const canAssign = partner?.permissions.update !== 'none' && poolQuery(pool) !== null;
  const targets = selected.size ? [...selected] : rows.map((r) => r.id);

  const assign = async () => {
    setBusy(true);
    try {
      await assignRoundRobin(targets, pool, new Map((users.data ?? []).map((u) => [u.value, u.label])), t);
      setSelected(new Set());
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['records', 'partners'] }), queryClient.invalidateQueries({ queryKey: ['lead-rotation'] })]);
    } catch (error) {
      showError(error, t);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (id: string, on: boolean) => setSelected((s) => {
    const next = new Set(s);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  });

  return (
    <Stack data-testid="lead-assignment">
      <Group justify="space-between">
        <Title order={2} size="h3">{t('leadAssignment.title')}</Title>
        <Anchor component={Link} to="/r/partners">{t('nav.partners')}</Anchor>
      </Group>
      <Text size="sm" c="dimmed">{t('leadAssignment.hint')}</Text>
      {partner?.permissions.update === 'none' && <Alert color="yellow">{t('leadAssignment.noRight')}</Alert>}
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="sm">
            <RotationPicker pool={pool} onChange={setPool} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="xs">
            <Group justify="space-between">
              <SegmentedControl value={which} onChange={(v) => { setWhich(v as 'unassigned' | 'all'); setSelected(new Set()); }}
                data={[{ value: 'unassigned', label: t('leadAssignment.unassigned') }, { value: 'all', label: t('leadAssignment.allLeads') }]} data-testid="lead-scope" />
              <Button onClick={() => void assign()} loading={busy} disabled={!canAssign || targets.length === 0} data-testid="assign-leads">
                {selected.size ? t('leadAssignment.assignSelected', { count: selected.size }) : t('leadAssignment.assignAll', { count: rows.length })}
              </Button>
            </Group>
            {leads.error && <Alert color="red">{errorMessage(leads.error, t)}</Alert>}
            <Table striped data-testid="lead-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={32} />
                  <Table.Th>{t('fields.name')}</Table.Th>
                  <Table.Th>{t('fields.leadSource')}</Table.Th>
                  <Table.Th>{t('fields.ownerId')}</Table.Th>
                  <Table.Th>{t('fields.createdAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td><Checkbox aria-label={r.name} checked={selected.has(r.id)} onChange={(e) => toggle(r.id, e.currentTarget.checked)} /></Table.Td>
                    <Table.Td><Anchor component={Link} to={`/r/partners/${r.id}`}>{r.name}</Anchor></Table.Td>
                    <Table.Td>{r.leadSource ?? ''}</Table.Td>
                    <Table.Td>{r.ownerId ? (owners.get(r.ownerId) ?? '') : ''}</Table.Td>
                    <Table.Td>{formatDate(r.createdAt, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {!leads.isLoading && rows.length === 0 && <Text c="dimmed" data-testid="no-leads">{t('leadAssignment.noLeads')}</Text>}
            {leads.data?.nextCursor && <Text size="xs" c="dimmed">{t('leadAssignment.first', { count: LIMIT })}</Text>}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
