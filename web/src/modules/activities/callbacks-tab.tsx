import { Anchor, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';

type Row = { id: string; callAt: string; note: string | null; doneAt: string | null };

function CallbacksTab({ id, canEdit, about }: { id: string; canEdit: boolean; about: 'partner' | 'contact' }) {
  const { t, i18n } = useTranslation();
  const field = about === 'partner' ? 'partnerId' : 'contactId';
  const rows = useQuery({
    queryKey: ['records', 'callbacks', about, id],
    queryFn: () => api<{ data: Row[] }>(`/api/v1/callbacks${qs({ filter: JSON.stringify({ field, op: 'eq', value: id }), sort: '-callAt', limit: 100 })}`),
  });
  const data = rows.data?.data ?? [];
  return (
    <Stack>
      {canEdit && (
        <Group>
          <Button component={Link} to={`/r/callbacks/new?about=${encodeURIComponent(`${about}:${id}`)}`} data-testid={`${about}-new-callback`}>{t('reminders.newCallback')}</Button>
        </Group>
      )}
      <Paper withBorder>
        <Table data-testid={`${about}-callbacks`}>
          <Table.Tbody>
            {data.map((c) => (
              <Table.Tr key={c.id} style={{ opacity: c.doneAt ? 0.6 : 1 }}>
                <Table.Td><Anchor component={Link} to={`/r/callbacks/${c.id}`}>{formatDateTime(c.callAt, i18n.language)}</Anchor></Table.Td>
                <Table.Td><Text size="sm" lineClamp={2}>{c.note ?? ''}</Text></Table.Td>
                <Table.Td>{c.doneAt ? t('reminders.done') : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data.length === 0 && !rows.isLoading && <Text c="dimmed" p="md">{t('reminders.noCallbacks')}</Text>}
      </Paper>
    </Stack>
  );
}

/** A partner's or a contact's planned callbacks, and a new one about them. */
export const PartnerCallbacksTab = (props: { id: string; canEdit: boolean }) => <CallbacksTab {...props} about="partner" />;
export const ContactCallbacksTab = (props: { id: string; canEdit: boolean }) => <CallbacksTab {...props} about="contact" />;
