import { Alert, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.ts';
import { errorMessage, showSuccess } from '../../app/errors.ts';
import { formatDate, formatNumber } from '../../app/format.ts';
import { toZonedInput, userTimeZone } from '../../app/time-zone.ts';

const CURRENCIES = ['RON', 'PLN', 'HUF', 'UAH', 'EUR', 'USD'];

/** Exchange rates to the workspace's base currency (administrators set them from a day on). */
export default function ExchangeRatesPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const rates = useQuery({ queryKey: ['exchange-rates'], queryFn: () => api<{ base: string; rates: { currency: string; rate: string; validFrom: string }[] }>('/api/v1/exchange-rates') });
  const [currency, setCurrency] = useState<string | null>(null);
  const [rate, setRate] = useState('');
  const [validFrom, setValidFrom] = useState(() => toZonedInput(new Date(), userTimeZone()).slice(0, 10));
  const [problem, setProblem] = useState<string | null>(null);
  const base = rates.data?.base ?? '';
  const save = async () => {
    setProblem(null);
    try {
      await api('/api/v1/exchange-rates', { method: 'PUT', body: { validFrom, rates: [{ currency, rate: rate.replace(',', '.') }] } });
      await queryClient.invalidateQueries({ queryKey: ['exchange-rates'] });
      setRate('');
      showSuccess(t('record.saved'));
    } catch (error) {
      const field = error instanceof ApiError ? error.fieldErrors[0] : undefined;
      setProblem(field ? t(field.message, { defaultValue: field.message }) : errorMessage(error, t));
    }
  };
  return (
    <Stack maw={640} data-testid="exchange-rates">
      <Title order={2} size="h3">{t('reports.rates')}</Title>
      <Text size="sm" c="dimmed">{t('reports.ratesHint', { base })}</Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.currency')}</Table.Th>
            <Table.Th ta="right">{t('reports.rate', { base })}</Table.Th>
            <Table.Th>{t('fields.validFrom')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rates.data?.rates ?? []).map((r) => (
            <Table.Tr key={r.currency}>
              <Table.Td>{r.currency}</Table.Td>
              <Table.Td ta="right">{formatNumber(r.rate, i18n.language)}</Table.Td>
              <Table.Td>{formatDate(r.validFrom, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Paper withBorder p="md">
        <Group align="flex-end">
          <Select label={t('fields.currency')} data={CURRENCIES.filter((c) => c !== base)} value={currency} onChange={setCurrency} w={110} data-testid="rate-currency" />
          <TextInput label={t('reports.rate', { base })} inputMode="decimal" value={rate} onChange={(e) => setRate(e.currentTarget.value)} w={150} data-testid="rate-value" />
          <TextInput type="date" label={t('fields.validFrom')} value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} />
          <Button onClick={() => void save()} disabled={!currency || !rate} data-testid="rate-save">{t('app.save')}</Button>
        </Group>
      </Paper>
      {problem && <Alert color="red">{problem}</Alert>}
    </Stack>
  );
}
