import { Alert, Badge, Button, Group, List, Modal, MultiSelect, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../app/api.ts';
import { errorMessage, showError, showSuccess } from '../../app/errors.ts';
import { formatNumber } from '../../app/format.ts';

/** Who takes part in the round-robin: chosen people, or a group's active members (kept in this browser for next time). */
export interface Pool {
  mode: 'users' | 'group';
  userIds: string[];
  groupId: string | null;
}

interface Rotation {
  members: { id: string; name: string; leads: number }[];
  lastUserId: string | null;
  nextUserId: string | null;
}

const STORE = 'kontakt.leadRotation';

export function loadPool(): Pool {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE) ?? 'null') as Pool | null;
    if (saved && (saved.mode === 'users' || saved.mode === 'group')) return { mode: saved.mode, userIds: saved.userIds ?? [], groupId: saved.groupId ?? null };
  } catch {
    // a damaged entry: start afresh
  }
  return { mode: 'users', userIds: [], groupId: null };
}

export function usePool() {
  const [pool, setPool] = useState<Pool>(loadPool);
  const update = (next: Pool) => {
    setPool(next);
    localStorage.setItem(STORE, JSON.stringify(next));
  };
  return [pool, update] as const;
}

/** The query of the pool for the server, or null while it is not complete (two people, or a group). */
export function poolQuery(pool: Pool): { userIds?: string; groupId?: string } | null {
  if (pool.mode === 'group') return pool.groupId ? { groupId: pool.groupId } : null;
  return pool.userIds.length >= 2 ? { userIds: pool.userIds.join(',') } : null;
}

function useNames(path: string) {
  return useQuery({
    queryKey: ['rotation-options', path],
    queryFn: () => api<{ data: { id: string; name?: string }[] }>(`/api/v1/${path}${qs({ limit: 500, fields: 'id,name', sort: 'name' })}`),
    select: (r) => r.data.map((x) => ({ value: x.id, label: String(x.name ?? x.id) })),
  });
}

/** Picks the people of the rotation and shows its turn order, the leads each holds and who gets the next lead. */
export function RotationPicker({ pool, onChange }: { pool: Pool; onChange: (pool: Pool) => void }) {
  const { t, i18n } = useTranslation();
  const users = useNames('users');
  const groups = useNames('groups');
  const query = poolQuery(pool);
  const rotation = useQuery({
    queryKey: ['lead-rotation', query],
    queryFn: () => api<Rotation>(`/api/v1/leads/rotation${qs(query ?? {})}`),
    enabled: query !== null,
    retry: false,
  });
  return (
    <Stack gap="xs" data-testid="rotation-picker">
      <SegmentedControl
        value={pool.mode}
        onChange={(v) => onChange({ ...pool, mode: v as Pool['mode'] })}
        data={[{ value: 'users', label: t('leadAssignment.people') }, { value: 'group', label: t('entities.group') }]}
        data-testid="rotation-mode"
      />
      {pool.mode === 'users' ? (
        <MultiSelect label={t('leadAssignment.people')} description={t('leadAssignment.peopleHint')} data={users.data ?? []} value={pool.userIds}
          onChange={(userIds) => onChange({ ...pool, userIds })} searchable clearable data-testid="rotation-users" />
      ) : (
        <Select label={t('entities.group')} data={groups.data ?? []} value={pool.groupId} onChange={(groupId) => onChange({ ...pool, groupId })} searchable clearable data-testid="rotation-group" />
      )}
      {rotation.error && <Alert color="red">{errorMessage(rotation.error, t)}</Alert>}
      {rotation.data && (
        <List type="ordered" size="sm" data-testid="rotation-order">
          {rotation.data.members.map((m) => (
            <List.Item key={m.id}>
              <Group gap="xs">
                <Text size="sm">{m.name}</Text>
                <Text size="xs" c="dimmed">{t('leadAssignment.holds', { count: m.leads, n: formatNumber(m.leads, i18n.language) })}</Text>
                {m.id === rotation.data.nextUserId && <Badge size="sm" data-testid="rotation-next">{t('leadAssignment.next')}</Badge>}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/** Gives the leads round-robin to the pool; tells who got how many; the caller reloads its list. */
export async function assignRoundRobin(ids: string[], pool: Pool, names: Map<string, string>, t: (key: string, options?: Record<string, unknown>) => string) {
  const body = pool.mode === 'group' ? { partnerIds: ids, mode: 'roundRobin', groupId: pool.groupId } : { partnerIds: ids, mode: 'roundRobin', userIds: pool.userIds };
  const result = await api<{ data: { userId: string; count: number }[] }>('/api/v1/leads/assign', { method: 'POST', body });
  showSuccess(t('leadAssignment.done', { who: result.data.map((r) => `${names.get(r.userId) ?? '?'} (${r.count})`).join(', ') }));
  return result.data;
}

/** List action of the partners list: the selected leads round-robin to the rotation, in a dialog. */
export default function AssignSelectedLeads({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [pool, setPool] = usePool();
  const users = useNames('users');
  const assign = async () => {
    setBusy(true);
    try {
      await assignRoundRobin(ids, pool, new Map((users.data ?? []).map((u) => [u.value, u.label])), t);
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['lead-rotation'] });
      onDone();
    } catch (error) {
      showError(error, t);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="light" onClick={() => setOpen(true)} data-testid="assign-round-robin">
        {t('leadAssignment.assignSelected', { count: ids.length })}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('leadAssignment.title')}>
        <Stack>
          <RotationPicker pool={pool} onChange={setPool} />
          <Button onClick={() => void assign()} loading={busy} disabled={poolQuery(pool) === null} data-testid="assign-confirm">
            {t('leadAssignment.assign', { count: ids.length })}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
