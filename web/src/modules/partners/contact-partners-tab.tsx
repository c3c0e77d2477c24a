import { Anchor, Badge, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';

/** The partners a contact works with. */
export default function ContactPartnersTab({ id }: { id: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const partners = useQuery({
    queryKey: ['contact-partners', id],
    queryFn: () => api<{ data: { id: string; name: string; city: string | null; role: string | null; isPrimary: boolean }[] }>(`/api/v1/contacts/${id}/partners`),
  });
  const rows = partners.data?.data ?? [];
  return (
    <Paper withBorder>
      <Table>
        <Table.Tbody>
          {rows.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td><Anchor component={Link} to={`/r/partners/${p.id}`}>{p.name}</Anchor> {p.isPrimary && <Badge size="xs">{t('partners.primary')}</Badge>}</Table.Td>
              <Table.Td>{p.role ?? ''}</Table.Td>
              <Table.Td>{p.city ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && <Text c="dimmed" p="md">{t('records.noRows')}</Text>}
    </Paper>
  );
}
