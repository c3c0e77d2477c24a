import { Alert, Badge, Button, Code, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { showError } from '../app/errors.ts';
import { formatDateTime } from '../app/format.ts';

interface Key {
  id: string;
  name: string;
  prefix: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export default function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => api<{ data: Key[] }>('/api/v1/api-keys') });
  const create = async () => {
    try {
      const created = await api<{ key: string }>('/api/v1/api-keys', { method: 'POST', body: { name } });
      setSecret(created.key);
      setName('');
      await keys.refetch();
    } catch (error) {
      showError(error, t);
    }
  };
  const revoke = async (id: string) => {
    try {
      await api(`/api/v1/api-keys/${id}`, { method: 'DELETE' });
      await keys.refetch();
    } catch (error) {
      showError(error, t);
    }
  };
  return (
    <Stack>
      <Title order={2} size="h3">{t('settings.apiKeys')}</Title>
      <Text c="dimmed">{t('apiKeys.intro')}</Text>
      <Group align="end">
        <TextInput label={t('fields.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="api-key-name" />
        <Button onClick={() => void create()} disabled={!name.trim()} data-testid="api-key-create">{t('apiKeys.create')}</Button>
      </Group>
      {secret && (
        <Alert color="yellow" title={t('apiKeys.copyNow')}>
          <Code block data-testid="api-key-secret">{secret}</Code>
        </Alert>
      )}
      <Paper withBorder>
        <Table>
          <Table.Tbody>
            {(keys.data?.data ?? []).map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>{k.name}</Table.Td>
                <Table.Td><Code>kk_{k.prefix}_…</Code></Table.Td>
                <Table.Td>{t('apiKeys.lastUsed')}: {formatDateTime(k.lastUsedAt, i18n.language) || '—'}</Table.Td>
                <Table.Td>
                  {k.revokedAt ? <Badge color="gray">{t('apiKeys.revoked')}</Badge> : (
                    <Button size="xs" variant="light" color="red" onClick={() => void revoke(k.id)}>{t('apiKeys.revoke')}</Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {(keys.data?.data ?? []).length === 0 && <Text c="dimmed" p="md">{t('apiKeys.none')}</Text>}
      </Paper>
    </Stack>
  );
}
