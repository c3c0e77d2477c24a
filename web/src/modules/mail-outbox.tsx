import { Alert, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { errorMessage } from '../app/errors.ts';
import { formatDateTime } from '../app/format.ts';

interface Message {
  id: string;
  toAddress: string;
  subject: string;
  status: string;
  createdAt: string;
}

const COLORS: Record<string, string> = { sent: 'teal', failed: 'red', kept: 'gray', queued: 'blue' };

export default function MailOutboxPage() {
  const { t, i18n } = useTranslation();
  const mail = useQuery({ queryKey: ['mail-outbox'], queryFn: () => api<{ data: Message[] }>('/api/v1/admin/mail-outbox?limit=200') });
  const settings = useQuery({
    queryKey: ['mail-settings'],
    queryFn: () => api<{ smtpConfigured: boolean; smtpHost: string | null; from: string }>('/api/v1/admin/mail-settings'),
  });
  return (
    <Stack>
      <Title order={2} size="h3">{t('settings.mailOutbox')}</Title>
      {settings.data && (
        <Alert color={settings.data.smtpConfigured ? 'teal' : 'yellow'} data-testid="mail-settings">
          {settings.data.smtpConfigured ? t('outbox.smtpOn', { host: settings.data.smtpHost, from: settings.data.from }) : t('outbox.smtpOff')}
        </Alert>
      )}
      <Text c="dimmed">{t('outbox.intro')}</Text>
      {mail.error && <Alert color="red">{errorMessage(mail.error, t)}</Alert>}
      <Paper withBorder>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('outbox.to')}</Table.Th>
              <Table.Th>{t('outbox.subject')}</Table.Th>
              <Table.Th>{t('outbox.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(mail.data?.data ?? []).map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{m.toAddress}</Table.Td>
                <Table.Td>{m.subject}</Table.Td>
                <Table.Td><Badge color={COLORS[m.status] ?? 'gray'}>{m.status}</Badge></Table.Td>
                <Table.Td>{formatDateTime(m.createdAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {(mail.data?.data ?? []).length === 0 && !mail.isLoading && <Text c="dimmed" p="md">{t('outbox.empty')}</Text>}
      </Paper>
    </Stack>
  );
}
