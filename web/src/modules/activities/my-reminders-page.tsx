import { Anchor, Badge, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { showError, showSuccess } from '../../app/errors.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { callbackWho, groupTasks, type MyReminders, type Person, personLink } from './reminders-logic.ts';

const GROUP_COLOR = { overdue: 'red', today: 'orange', soon: 'blue' } as const;

export function useMyReminders(days: number) {
  return useQuery({ queryKey: ['my-reminders', days], queryFn: () => api<MyReminders>(`/api/v1/me/reminders${qs({ days })}`) });
}

function Section({ title, testId, empty, children }: { title: string; testId: string; empty: boolean; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Title order={3} size="h5" mb="xs">{title}</Title>
      {empty ? <Text c="dimmed" size="sm">—</Text> : children}
    </Paper>
  );
}

function People({ people, t, language }: { people: Person[]; t: TFunction; language: string }) {
  return (
    <Table>
      <Table.Tbody>
        {people.map((p) => (
          <Table.Tr key={`${p.kind}:${p.id}:${p.on}`}>
            <Table.Td>{formatDate(p.on, language)}</Table.Td>
            <Table.Td><Anchor component={Link} to={personLink(p)}>{p.name}</Anchor></Table.Td>
            <Table.Td><Badge variant="light" color={p.kind === 'user' ? 'grape' : 'gray'}>{t(p.kind === 'user' ? 'reminders.colleague' : 'reminders.contact')}</Badge></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** My reminders (A3): tasks due, callbacks, birthdays and name days, contracts ending — each linking to its record. */
export default function MyRemindersPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [days, setDays] = useState('7');
  const reminders = useMyReminders(Number(days));
  const r = reminders.data;
  const calledBack = async (id: string) => {
    try {
      const callback = await api<{ version: number }>(`/api/v1/callbacks/${id}`);
      await api(`/api/v1/callbacks/${id}`, { method: 'PATCH', body: { doneAt: new Date().toISOString(), version: callback.version } });
      showSuccess(t('reminders.calledBack'));
      await queryClient.invalidateQueries({ queryKey: ['my-reminders'] });
    } catch (error) {
      showError(error, t);
    }
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">{t('reminders.title')}</Title>
        <Group gap="xs">
          <Text size="sm" c="dimmed">{t('reminders.daysAhead')}</Text>
          <SegmentedControl value={days} onChange={setDays} data={['1', '7', '14', '30']} data-testid="reminders-days" />
        </Group>
      </Group>
      {r && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Section title={t('reminders.tasks')} testId="reminders-tasks" empty={r.tasks.length === 0}>
            <Table>
              <Table.Tbody>
                {groupTasks(r.tasks).flatMap((g) =>
                  g.tasks.map((task) => (
                    <Table.Tr key={task.id}>
                      <Table.Td w={1}>
                        <Badge color={GROUP_COLOR[g.group]} variant="light" styles={{ label: { overflow: 'visible' } }}>{t(`reminders.${g.group}`)}</Badge>
                      </Table.Td>
                      <Table.Td><Anchor component={Link} to={`/r/tasks/${task.id}`}>{task.title}</Anchor></Table.Td>
                      <Table.Td>{task.partnerId ? <Anchor component={Link} to={`/r/partners/${task.partnerId}`} size="sm">{task.partnerName}</Anchor> : null}</Table.Td>
                      <Table.Td><Text size="sm">{formatDateTime(task.dueAt, i18n.language)}</Text></Table.Td>
                    </Table.Tr>
                  )),
                )}
              </Table.Tbody>
            </Table>
          </Section>
          <Section title={t('reminders.callbacks')} testId="reminders-callbacks" empty={r.callbacks.length === 0}>
            <Table>
              <Table.Tbody>
                {r.callbacks.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td><Text size="sm">{formatDateTime(c.callAt, i18n.language)}</Text></Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/r/callbacks/${c.id}`}>{callbackWho(c)}</Anchor>
                      {c.note && <Text size="xs" c="dimmed" lineClamp={2}>{c.note}</Text>}
                    </Table.Td>
                    <Table.Td><Button size="xs" variant="light" onClick={() => void calledBack(c.id)} data-testid={`callback-done-${c.id}`}>{t('reminders.done')}</Button></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>
          <Section title={t('reminders.birthdays')} testId="reminders-birthdays" empty={r.birthdays.length === 0}>
            <People people={r.birthdays} t={t} language={i18n.language} />
          </Section>
          <Section title={t('reminders.nameDays')} testId="reminders-name-days" empty={r.nameDays.length === 0}>
            <People people={r.nameDays} t={t} language={i18n.language} />
          </Section>
          <Section title={t('reminders.contracts')} testId="reminders-contracts" empty={r.contracts.length === 0}>
            <Table>
              <Table.Tbody>
                {r.contracts.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td><Anchor component={Link} to={`/r/contracts/${c.id}`}>{c.number} {c.title}</Anchor></Table.Td>
                    <Table.Td><Anchor component={Link} to={`/r/partners/${c.partnerId}`} size="sm">{c.partnerName}</Anchor></Table.Td>
                    <Table.Td><Text size="sm">{t('reminders.endsOn', { date: formatDate(c.endsOn, i18n.language), days: c.noticeDays })}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>
        </SimpleGrid>
      )}
    </Stack>
  );
}
