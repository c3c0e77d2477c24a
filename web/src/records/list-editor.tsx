import { ActionIcon, Button, Checkbox, Group, NumberInput, Select, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ListItemMeta } from '../app/meta.ts';
import { ReferenceSelect } from './field-input.tsx';

type Entry = Record<string, unknown>;

const readable = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

/** An entry with its empty values left out (the server takes a missing value, not an empty text). */
export function cleanEntry(entry: Entry): Entry {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== '' && v !== null && v !== undefined));
}

/**
 * A list of like entries inside a record (addresses, bank accounts, yearly figures, ID documents)
 * edited as a table: one row per entry, one input per entry field, rows added and removed.
 */
export function ListEditor({ name, label, items, value, onChange, error, errors }: {
  name: string;
  label: string;
  items: ListItemMeta[];
  value: unknown;
  onChange: (v: Entry[] | null) => void;
  error?: string | undefined;
  errors?: Record<string, string> | undefined;
}) {
  const { t } = useTranslation();
  const entries = Array.isArray(value) ? (value as Entry[]) : [];
  const emit = (next: Entry[]) => onChange(next.length ? next.map(cleanEntry) : null);
  const set = (index: number, key: string, v: unknown) => emit(entries.map((e, i) => (i === index ? { ...e, [key]: v } : e)));
  const itemLabel = (item: ListItemMeta) => t(`fields.${item.name}`, { defaultValue: readable(item.name) });
  const input = (entry: Entry, index: number, item: ListItemMeta) => {
    const common = {
      'aria-label': `${itemLabel(item)} ${index + 1}`,
      'data-testid': `${name}-${index}-${item.name}`,
      size: 'xs' as const,
      error: errors?.[`${name}.${index}.${item.name}`],
    };
    const current = entry[item.name];
    switch (item.type) {
      case 'enum':
        return (
          <Select {...common} data={(item.values ?? []).map((v) => ({ value: v, label: t(`listValues.${name}.${item.name}.${v}`, { defaultValue: readable(v) }) }))}
            value={(current as string | undefined) ?? null} onChange={(v) => set(index, item.name, v ?? undefined)} allowDeselect={!item.required} />
        );
      case 'integer':
      case 'number':
        return <NumberInput {...common} allowDecimal={item.type === 'number'} value={(current as number | undefined) ?? ''}
          onChange={(v) => set(index, item.name, v === '' ? undefined : Number(v))} />;
      case 'boolean':
        return <Checkbox aria-label={common['aria-label']} data-testid={common['data-testid']} error={common.error} checked={current === true}
          onChange={(e) => set(index, item.name, e.currentTarget.checked || undefined)} />;
      case 'reference':
        return (
          <ReferenceSelect field={{ name: `${name}-${index}-${item.name}`, label: '', type: 'reference', required: item.required, ...(item.reference ? { reference: item.reference } : {}) }}
            value={current ?? null} onChange={(v) => set(index, item.name, v ?? undefined)} size="xs" ariaLabel={common['aria-label']} {...(common.error ? { error: common.error } : {})} />
        );
      case 'date':
        return <TextInput {...common} type="date" value={(current as string | undefined) ?? ''} onChange={(e) => set(index, item.name, e.currentTarget.value || undefined)} />;
      default:
        return <TextInput {...common} maxLength={item.max} value={(current as string | undefined) ?? ''} onChange={(e) => set(index, item.name, e.currentTarget.value)} />;
    }
  };
  return (
    <div data-testid={`field-${name}`}>
      <Text fw={500} size="sm" mb={4}>{label}</Text>
      {entries.length > 0 && (
        <Table.ScrollContainer minWidth={120 * items.length}>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                {items.map((item) => <Table.Th key={item.name}>{itemLabel(item)}{item.required ? ' *' : ''}</Table.Th>)}
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry, index) => (
                // entries have no identity of their own; their position is it
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <Table.Tr key={index}>
                  {items.map((item) => <Table.Td key={item.name}>{input(entry, index, item)}</Table.Td>)}
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={t('records.removeEntry')} data-testid={`${name}-${index}-remove`}
                      onClick={() => emit(entries.filter((_, i) => i !== index))}>×</ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Button variant="light" size="xs" mt={4} data-testid={`${name}-add`} onClick={() => onChange([...entries, {}])}>{t('records.addEntry')}</Button>
      {error && <Text c="red" size="xs" mt={4}>{error}</Text>}
    </div>
  );
}

/** Named text values (a product's characteristics, a person's messaging handles): one row per name → value. */
export function KeyValueEditor({ name, label, value, onChange, error }: {
  name: string;
  label: string;
  value: unknown;
  onChange: (v: Record<string, string> | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const rows = pairsOf(value);
  const emit = (next: [string, string][]) => onChange(next.length ? Object.fromEntries(next) : null);
  const set = (index: number, pair: [string, string]) => emit(rows.map((r, i) => (i === index ? pair : r)));
  return (
    <div data-testid={`field-${name}`}>
      <Text fw={500} size="sm" mb={4}>{label}</Text>
      {rows.map(([key, text], index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a name is being typed; its position is its identity
        <Group key={index} gap="xs" mb={4} wrap="nowrap">
          <TextInput size="xs" w={200} aria-label={`${t('records.entryName')} ${index + 1}`} data-testid={`${name}-${index}-key`} value={key}
            onChange={(e) => set(index, [e.currentTarget.value, text])} />
          <TextInput size="xs" style={{ flex: 1 }} aria-label={`${t('records.value')} ${index + 1}`} data-testid={`${name}-${index}-value`} value={text}
            onChange={(e) => set(index, [key, e.currentTarget.value])} />
          <ActionIcon variant="subtle" color="red" aria-label={t('records.removeEntry')} data-testid={`${name}-${index}-remove`}
            onClick={() => emit(rows.filter((_, i) => i !== index))}>×</ActionIcon>
        </Group>
      ))}
      <Button variant="light" size="xs" mt={4} data-testid={`${name}-add`} onClick={() => emit([...rows, ['', '']])}>{t('records.addEntry')}</Button>
      {error && <Text c="red" size="xs" mt={4}>{error}</Text>}
    </div>
  );
}

/** The rows of named values, in their order (values that are not text shown as text). */
export function pairsOf(value: unknown): [string, string][] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
}
