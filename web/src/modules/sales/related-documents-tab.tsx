import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, api, qs } from '../../app/api.ts';
import { errorMessage } from '../../app/errors.ts';
import { formatDate, formatMoney } from '../../app/format.ts';
import { enumLabel } from '../../app/labels.ts';

interface Doc {
  id: string;
  number: string;
  status: string;
  issueDate: string;
  total: string;
  currency: string;
}

function DocumentList({ resource, filter, testId }: { resource: 'offers' | 'orders'; filter: object; testId: string }) {
  const { t, i18n } = useTranslation();
  const docs = useQuery({
    queryKey: ['records', resource, filter],
    queryFn: () => api<{ data: Doc[] }>(`/api/v1/${resource}${qs({ filter: JSON.stringify(filter), sort: '-issueDate', limit: 100 })}`),
  });
  const rows = docs.data?.data ?? [];
  if (!rows.length) return <Text size="sm" c="dimmed">{t('records.noRows')}</Text>;
  return (
    <Table data-testid={testId}>
      <Table.Tbody>
        {rows.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td><Anchor component={Link} to={`/r/${resource}/${d.id}`}>{d.number}</Anchor></Table.Td>
            <Table.Td><Badge variant="light">{enumLabel(t, resource === 'offers' ? 'offer' : 'order', 'status', d.status)}</Badge></Table.Td>
            <Table.Td>{formatDate(d.issueDate, i18n.language)}</Table.Td>
            <Table.Td ta="right">{formatMoney(d.total, d.currency, i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** An opportunity's offers and orders, and the buttons that make them (the server says when the stage allows it). */
export function OpportunityDocumentsTab({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const make = async (resource: 'offers' | 'orders') => {
    setProblem(null);
    try {
      const doc = await api<{ id: string }>(`/api/v1/opportunities/${id}/${resource}`, { method: 'POST', body: {} });
      await queryClient.invalidateQueries({ queryKey: ['records', resource] });
      await navigate(`/r/${resource}/${doc.id}`);
    } catch (error) {
      setProblem(error instanceof ApiError && error.status === 422 ? t(`documents.notInStage.${resource}`, { stage: String(error.body.stage ?? '') }) : errorMessage(error, t));
    }
  };
  const filter = { field: 'opportunityId', op: 'eq', value: id };
  return (
    <Stack>
      {canEdit && (
        <Group>
          <Button onClick={() => void make('offers')} data-testid="make-offer">{t('documents.makeOffer')}</Button>
          <Button variant="default" onClick={() => void make('orders')} data-testid="make-order">{t('documents.makeOrder')}</Button>
        </Group>
      )}
      {problem && <Alert color="yellow" data-testid="make-problem">{problem}</Alert>}
      <Text fw={600}>{t('plural.offer')}</Text>
      <DocumentList resource="offers" filter={filter} testId="opportunity-offers" />
      <Text fw={600}>{t('plural.order')}</Text>
      <DocumentList resource="orders" filter={filter} testId="opportunity-orders" />
    </Stack>
  );
}

/** A partner's open offers and pending orders (the 360° card). */
export function PartnerSalesTab({ id }: { id: string; canEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Text fw={600}>{t('documents.openOffers')}</Text>
      <DocumentList resource="offers" filter={{ and: [{ field: 'partnerId', op: 'eq', value: id }, { field: 'status', op: 'in', value: ['draft', 'sent'] }] }} testId="partner-offers" />
      <Text fw={600}>{t('documents.pendingOrders')}</Text>
      <DocumentList resource="orders" filter={{ and: [{ field: 'partnerId', op: 'eq', value: id }, { field: 'status', op: 'in', value: ['draft', 'confirmed'] }] }} testId="partner-orders" />
    </Stack>
  );
}
