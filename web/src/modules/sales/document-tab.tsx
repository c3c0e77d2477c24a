import { Alert, Anchor, Badge, Button, Group, Modal, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api, qs } from '../../app/api.ts';
import { errorMessage, showSuccess } from '../../app/errors.ts';
import { formatMoney, formatNumber } from '../../app/format.ts';
import { enumLabel } from '../../app/labels.ts';
import { type DraftLine, emptyLine, lineErrors, toLineInput } from './document-logic.ts';

interface Doc {
  id: string;
  version: number;
  number: string;
  status: string;
  currency: string;
  subtotal: string;
  vatTotal: string;
  total: string;
}
interface Line extends DraftLine {
  id: string;
  net: string;
  vat: string;
  gross: string;
}

/** The lines, totals and actions of an offer or order: edit a draft, print, e-mail, accept, order, confirm. */
export function DocumentTab({ id, canEdit, kind }: { id: string; canEdit: boolean; kind: 'offer' | 'order' }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const resource = kind === 'offer' ? 'offers' : 'orders';
  const doc = useQuery({ queryKey: ['record', resource, id], queryFn: () => api<Doc>(`/api/v1/${resource}/${id}`) });
  const lines = useQuery({ queryKey: ['lines', resource, id], queryFn: () => api<{ data: Line[] }>(`/api/v1/${resource}/${id}/lines`) });
  const products = useQuery({
    queryKey: ['product-options'],
    queryFn: () => api<{ data: { id: string; code: string; name: string; unit: string }[] }>(`/api/v1/products${qs({ limit: 500, fields: 'id,code,name,unit' })}`),
  });
  const [draft, setDraft] = useState<DraftLine[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [to, setTo] = useState('');
  const [message, setMessage] = useState('');
  const d = doc.data;
  const editable = canEdit && d?.status === 'draft';
  const rows: DraftLine[] = draft ?? (lines.data?.data ?? []);
  const money = (v: string | undefined) => (d ? formatMoney(v ?? '0', d.currency, i18n.language) : '');

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['record', resource, id] });
    await queryClient.invalidateQueries({ queryKey: ['lines', resource, id] });
    await queryClient.invalidateQueries({ queryKey: ['history', resource, id] });
  };
  const run = async (action: () => Promise<unknown>, done: string) => {
    setProblem(null);
    try {
      await action();
      showSuccess(t(done));
      await refresh();
    } catch (error) {
      const field = error instanceof ApiError ? error.fieldErrors[0] : undefined;
      setProblem(field ? `${t(field.message, { defaultValue: field.message })}${error instanceof ApiError && error.status === 422 ? ` — ${error.message}` : ''}` : errorMessage(error, t));
    }
  };
  const save = () =>
    run(async () => {
      await api(`/api/v1/${resource}/${id}/lines`, { method: 'PUT', body: { version: d!.version, lines: rows.map(toLineInput) } });
      setDraft(null);
    }, 'record.saved');
  const set = (i: number, patch: Partial<DraftLine>) => setDraft(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const errors = lineErrors(rows);

  if (!d) return null;
  return (
    <Stack data-testid="document-tab">
      <Group justify="space-between">
        <Group gap="xs">
          <Badge size="lg" data-testid="document-status">{enumLabel(t, kind, 'status', d.status)}</Badge>
          <Text fw={600}>{d.number}</Text>
        </Group>
        <Group gap="xs">
          <Anchor href={`/api/v1/${resource}/${id}/pdf`} target="_blank" data-testid="document-pdf">PDF</Anchor>
          {canEdit && <Button variant="default" onClick={() => setSending(true)} data-testid="document-send">{t('documents.send')}</Button>}
          {canEdit && kind === 'offer' && ['draft', 'sent'].includes(d.status) && (
            <>
              <Button color="teal" onClick={() => void run(() => api(`/api/v1/offers/${id}/accept`, { method: 'POST' }), 'documents.accepted')} data-testid="offer-accept">{t('documents.accept')}</Button>
              <Button color="red" variant="light" onClick={() => void run(() => api(`/api/v1/offers/${id}/reject`, { method: 'POST' }), 'documents.rejected')}>{t('documents.reject')}</Button>
            </>
          )}
          {canEdit && kind === 'offer' && d.status === 'accepted' && (
            <Button
              onClick={() =>
                void run(async () => {
                  const order = await api<{ id: string }>(`/api/v1/offers/${id}/order`, { method: 'POST' });
                  await navigate(`/r/orders/${order.id}`);
                }, 'documents.orderMade')
              }
              data-testid="offer-make-order"
            >
              {t('documents.makeOrder')}
            </Button>
          )}
          {canEdit && kind === 'order' && d.status === 'draft' && (
            <Button color="teal" onClick={() => void run(() => api(`/api/v1/orders/${id}/confirm`, { method: 'POST' }), 'documents.confirmed')} data-testid="order-confirm">{t('documents.confirm')}</Button>
          )}
          {canEdit && kind === 'order' && d.status === 'confirmed' && (
            <Button variant="default" onClick={() => void run(() => api(`/api/v1/orders/${id}/deliver`, { method: 'POST' }), 'documents.delivered')}>{t('documents.deliver')}</Button>
          )}
          {canEdit && kind === 'order' && ['draft', 'confirmed'].includes(d.status) && (
            <Button color="red" variant="light" onClick={() => void run(() => api(`/api/v1/orders/${id}/cancel`, { method: 'POST' }), 'documents.cancelled')}>{t('documents.cancel')}</Button>
          )}
        </Group>
      </Group>
      {problem && <Alert color="red" withCloseButton onClose={() => setProblem(null)} data-testid="document-problem">{problem}</Alert>}
      <Table.ScrollContainer minWidth={720}>
        <Table data-testid="document-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('documents.item')}</Table.Th>
              <Table.Th w={90}>{t('documents.quantity')}</Table.Th>
              <Table.Th w={70}>{t('fields.unit')}</Table.Th>
              <Table.Th w={110}>{t('documents.unitPrice')}</Table.Th>
              <Table.Th w={80}>{t('documents.discount')}</Table.Th>
              <Table.Th w={80}>{t('fields.vatRate')}</Table.Th>
              <Table.Th w={110} ta="right">{t('documents.net')}</Table.Th>
              {editable && <Table.Th w={40} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: draft lines have no id until saved
              <Table.Tr key={i}>
                <Table.Td>
                  {editable ? (
                    <Stack gap={4}>
                      <Select
                        size="xs"
                        placeholder={t('documents.product')}
                        data={(products.data?.data ?? []).map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }))}
                        value={row.productId ?? null}
                        onChange={(v) => set(i, { productId: v, ...(v ? { description: '', unitPrice: '' } : {}) })}
                        searchable
                        clearable
                        aria-label={t('documents.product')}
                      />
                      <TextInput size="xs" placeholder={t('documents.description')} value={row.description ?? ''} onChange={(e) => set(i, { description: e.currentTarget.value })} aria-label={t('documents.description')} data-testid={`line-description-${i}`} />
                    </Stack>
                  ) : (
                    row.description
                  )}
                </Table.Td>
                {(['quantity', 'unit', 'unitPrice', 'discountPercent', 'vatRate'] as const).map((f) => (
                  <Table.Td key={f}>
                    {editable ? (
                      <TextInput
                        size="xs"
                        value={row[f] ?? ''}
                        placeholder={f === 'unitPrice' || f === 'vatRate' ? t('documents.auto') : undefined}
                        error={errors[i]?.includes(f)}
                        onChange={(e) => set(i, { [f]: e.currentTarget.value })}
                        aria-label={f}
                        data-testid={`line-${f}-${i}`}
                      />
                    ) : f === 'unit' ? (
                      row.unit
                    ) : (
                      formatNumber(row[f] ?? '', i18n.language)
                    )}
                  </Table.Td>
                ))}
                <Table.Td ta="right">{'net' in row ? formatNumber((row as Line).net, i18n.language) : ''}</Table.Td>
                {editable && (
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDraft(rows.filter((_, j) => j !== i))} aria-label={t('app.delete')}>×</Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editable && (
        <Group>
          <Button variant="default" onClick={() => setDraft([...rows, emptyLine()])} data-testid="line-add">{t('documents.addLine')}</Button>
          <Button onClick={() => void save()} disabled={draft === null || Object.keys(errors).length > 0} data-testid="lines-save">{t('app.save')}</Button>
        </Group>
      )}
      <Stack gap={2} align="flex-end" data-testid="document-totals">
        <Text size="sm">{t('documents.subtotal')}: {money(d.subtotal)}</Text>
        <Text size="sm">{t('documents.vat')}: {money(d.vatTotal)}</Text>
        <Text fw={700} data-testid="document-total">{t('documents.total')}: {money(d.total)}</Text>
      </Stack>
      <Modal opened={sending} onClose={() => setSending(false)} title={t('documents.send')}>
        <Stack>
          <TextInput label={t('documents.to')} description={t('documents.toHint')} type="email" value={to} onChange={(e) => setTo(e.currentTarget.value)} data-testid="document-send-to" />
          <Textarea label={t('documents.message')} value={message} onChange={(e) => setMessage(e.currentTarget.value)} autosize minRows={3} />
          <Group justify="flex-end">
            <Button
              onClick={() => {
                setSending(false);
                void run(() => api(`/api/v1/${resource}/${id}/send`, { method: 'POST', body: { ...(to ? { to } : {}), ...(message ? { message } : {}) } }), 'documents.sent');
              }}
              data-testid="document-send-confirm"
            >
              {t('documents.send')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

export const OfferTab = (props: { id: string; canEdit: boolean }) => <DocumentTab {...props} kind="offer" />;
export const OrderTab = (props: { id: string; canEdit: boolean }) => <DocumentTab {...props} kind="order" />;
