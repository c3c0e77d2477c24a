import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { showError } from '../../app/errors.ts';

interface LinkedContact {
  id: string;
  fullName: string | null;
  position: string | null;
  email: string | null;
  phone: string | null;
  role: string | null;
  isPrimary: boolean;
}

/** The partner's contact persons, and linking another one with a role. */
export default function PartnerContactsTab({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [contactId, setContactId] = useState<string | null>(null);
  const [role, setRole] = useState('');
  const [search, setSearch] = useState('');
  const linked = useQuery({ queryKey: ['partner-contacts', id], queryFn: () => api<{ data: LinkedContact[] }>(`/api/v1/partners/${id}/contacts`) });
  const options = useQuery({
    queryKey: ['contact-options', search],
    queryFn: () => api<{ data: { id: string; fullName: string }[] }>(`/api/v1/contacts${qs({ q: search || undefined, limit: 50, fields: 'id,fullName' })}`),
    enabled: canEdit,
  });
  const link = async () => {
    if (!contactId) return;
    try {
      await api(`/api/v1/partners/${id}/contacts/${contactId}`, { method: 'PUT', body: { role: role || null } });
      setContactId(null);
      setRole('');
      await queryClient.invalidateQueries({ queryKey: ['partner-contacts', id] });
    } catch (error) {
      showError(error, t);
    }
  };
  const unlink = async (contact: string) => {
    try {
      await api(`/api/v1/partners/${id}/contacts/${contact}`, { method: 'DELETE' });
      await queryClient.invalidateQueries({ queryKey: ['partner-contacts', id] });
    } catch (error) {
      showError(error, t);
    }
  };
  const rows = linked.data?.data ?? [];
  return (
    <Stack>
      <Paper withBorder>
        <Table data-testid="partner-contacts">
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/r/contacts/${c.id}`}>{c.fullName}</Anchor> {c.isPrimary && <Badge size="xs">{t('partners.primary')}</Badge>}
                </Table.Td>
                <Table.Td>{c.role ?? c.position ?? ''}</Table.Td>
                <Table.Td>{c.email ?? ''}</Table.Td>
                <Table.Td>{c.phone ?? ''}</Table.Td>
                <Table.Td>{canEdit && <Button size="compact-xs" variant="subtle" color="red" onClick={() => void unlink(c.id)}>{t('app.delete')}</Button>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {rows.length === 0 && <Text c="dimmed" p="md">{t('partners.noContacts')}</Text>}
      </Paper>
      {canEdit && (
        <Group align="end">
          <Select label={t('partners.link')} searchable onSearchChange={setSearch} data-testid="link-contact"
            data={(options.data?.data ?? []).map((c) => ({ value: c.id, label: c.fullName }))} value={contactId} onChange={setContactId} w={260} />
          <TextInput label={t('partners.role')} value={role} onChange={(e) => setRole(e.currentTarget.value)} w={200} data-testid="link-role" />
          <Button onClick={() => void link()} disabled={!contactId} data-testid="link-save">{t('app.save')}</Button>
        </Group>
      )}
    </Stack>
  );
}
