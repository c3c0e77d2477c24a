import { Alert, Anchor, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, qs } from '../../app/api.ts';
import { errorMessage, showSuccess } from '../../app/errors.ts';

interface Item {
  productId: string;
  code: string;
  name: string;
  unit: string;
  vatRate: string | null;
  price: string;
}

const PRICE = /^\d{1,14}(\.\d{1,4})?$/;

/** Prices of a list: change them in place, add products, remove; print the list as PDF or XLSX. */
export default function PriceListItemsTab({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const items = useQuery({ queryKey: ['price-items', id], queryFn: () => api<{ data: Item[] }>(`/api/v1/price-lists/${id}/items`) });
  const products = useQuery({
    queryKey: ['product-options'],
    enabled: canEdit,
    queryFn: () => api<{ data: { id: string; code: string; name: string }[] }>(`/api/v1/products${qs({ limit: 500, fields: 'id,code,name' })}`),
  });
  const [edits, setEdits] = useState<Record<string, string | null>>({});
  const [adding, setAdding] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const rows = items.data?.data ?? [];
  const invalid = Object.values(edits).some((v) => v !== null && !PRICE.test(v));
  const save = async () => {
    setProblem(null);
    try {
      await api(`/api/v1/price-lists/${id}/items`, { method: 'PUT', body: { items: Object.entries(edits).map(([productId, price]) => ({ productId, price })) } });
      setEdits({});
      await queryClient.invalidateQueries({ queryKey: ['price-items', id] });
      showSuccess(t('record.saved'));
    } catch (error) {
      setProblem(error instanceof ApiError && error.fieldErrors[0] ? error.fieldErrors[0].message : errorMessage(error, t));
    }
  };
  const known = new Set(rows.map((r) => r.productId));
  return (
    <Stack data-testid="price-list-items">
      <Group>
        <Anchor href={`/api/v1/price-lists/${id}/export?format=pdf`} data-testid="price-list-pdf">{t('sales.printPdf')}</Anchor>
        <Anchor href={`/api/v1/price-lists/${id}/export?format=xlsx`}>{t('records.exportXlsx')}</Anchor>
      </Group>
      {/* a list that did not load says so, instead of looking empty */}
      {items.error && <Alert color="red" data-testid="price-list-items-error">{errorMessage(items.error, t)}</Alert>}
      {!items.error && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.code')}</Table.Th>
              <Table.Th>{t('fields.name')}</Table.Th>
              <Table.Th>{t('fields.unit')}</Table.Th>
              <Table.Th>{t('fields.price')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const value = r.productId in edits ? edits[r.productId] : r.price;
              return (
                <Table.Tr key={r.productId} td={value === null ? 'line-through' : undefined}>
                  <Table.Td>{r.code}</Table.Td>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td>{r.unit}</Table.Td>
                  <Table.Td w={180}>
                    {canEdit ? (
                      <Group gap={4} wrap="nowrap">
                        <TextInput
                          size="xs"
                          inputMode="decimal"
                          value={value ?? ''}
                          error={value !== null && value !== undefined && !PRICE.test(value)}
                          onChange={(e) => setEdits({ ...edits, [r.productId]: e.currentTarget.value })}
                          aria-label={`${t('fields.price')}: ${r.name}`}
                        />
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setEdits({ ...edits, [r.productId]: null })} aria-label={t('app.delete')}>×</Button>
                      </Group>
                    ) : (
                      <Text size="sm">{r.price}</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {canEdit && !items.error && (
        <Group align="flex-end">
          <Select
            label={t('sales.addProduct')}
            data={(products.data?.data ?? []).filter((p) => !known.has(p.id) && !(p.id in edits)).map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }))}
            value={adding}
            onChange={setAdding}
            searchable
            w={320}
          />
          <Button variant="default" disabled={!adding} onClick={() => { if (adding) setEdits({ ...edits, [adding]: '0' }); setAdding(null); }}>{t('sales.add')}</Button>
          <Button onClick={() => void save()} disabled={Object.keys(edits).length === 0 || invalid}>{t('app.save')}</Button>
        </Group>
      )}
      {Object.keys(edits).filter((k) => !known.has(k)).length > 0 && <Text size="sm" c="dimmed">{t('sales.newPricesHint')}</Text>}
      {problem && <Alert color="red">{problem}</Alert>}
    </Stack>
  );
}
