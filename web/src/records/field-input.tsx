import { JsonInput, NumberInput, Select, Switch, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../app/api.ts';
import { formatDate } from '../app/format.ts';
import { type ListItemMeta, useMeta } from '../app/meta.ts';
import { searchOptionsFilter } from '../app/search-text.ts';
import { fromZonedInput, toZonedInput, userTimeZone } from '../app/time-zone.ts';
import { GrantsEditor } from './grants-editor.tsx';
import { KeyValueEditor, ListEditor } from './list-editor.tsx';
import { displayName, useReferenceNames } from './references.ts';

export interface InputField {
  name: string;
  label: string;
  type: string;
  required: boolean;
  values?: string[] | { value: string; label: string }[];
  reference?: string;
  max?: number;
  items?: ListItemMeta[];
  keyValue?: boolean;
}

/**
 * A record of another entity picked by its display name: what the user types is searched on the
 * server (`q`, the same diacritics-free matching as every search), the first 50 by name otherwise.
 */
export function ReferenceSelect({ field, value, onChange, error, size, ariaLabel }: {
  field: InputField;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string;
  size?: 'xs' | 'sm';
  ariaLabel?: string;
}) {
  const { t } = useTranslation();
  const meta = useMeta();
  const target = meta.data?.entities.find((e) => e.name === field.reference);
  const display = target?.displayField;
  const selected = typeof value === 'string' && value ? value : null;
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const names = useReferenceNames(field.reference, selected && picked?.value !== selected ? [selected] : []);
  const selectedLabel = selected ? (picked?.value === selected ? picked.label : names.get(selected)) : undefined;
  const [search, setSearch] = useState('');
  // the input shows the chosen record's name: that is not a search
  const typed = search.trim() && search !== selectedLabel ? search.trim() : '';
  const [q] = useDebouncedValue(typed, 200);
  const serverSearch = Boolean(target?.fields.some((f) => f.searchable));
  const sortable = display && target?.fields.some((f) => f.name === display && f.sortable);
  const options = useQuery({
    queryKey: ['options', target?.resource, serverSearch ? q : ''],
    queryFn: ({ signal }) =>
      api<{ data: Record<string, unknown>[] }>(
        `${target!.path}${qs({ limit: 50, fields: display ? `id,${display}` : 'id', sort: sortable ? display : undefined, q: serverSearch && q ? q : undefined })}`,
        { signal },
      ),
    enabled: Boolean(target),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const data = (options.data?.data ?? []).map((r) => ({ value: String(r.id), label: displayName(target, r) }));
  if (selected && !data.some((o) => o.value === selected)) data.unshift({ value: selected, label: selectedLabel ?? (target ? t('app.loading') : '—') });
  return (
    <Select label={field.label || undefined} data={data} value={selected} searchable clearable searchValue={search} onSearchChange={setSearch}
      onChange={(v, option) => {
        setPicked(v && option ? { value: v, label: option.label } : null);
        onChange(v);
      }}
      // the server already matched what was typed (no diacritics, any word order): show what it found
      filter={serverSearch ? ({ options: found }) => found : searchOptionsFilter}
      nothingFoundMessage={options.isFetching ? t('app.loading') : t('app.nothingFound')}
      withAsterisk={field.required} error={error} data-testid={`field-${field.name}`} size={size} aria-label={ariaLabel} />
  );
}

/** The input for one field, chosen by its type; values are kept in the API's shapes. */
export function FieldInput({ field, value, onChange, error, errors }: {
  field: InputField;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string | undefined;
  /** All errors of the form by path (entries of a list field have their own: `addresses.0.city`). */
  errors?: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const common = { label: field.label, withAsterisk: field.required, error, 'data-testid': `field-${field.name}` };
  switch (field.type) {
    case 'text':
      return <Textarea {...common} autosize minRows={2} value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value || null)} />;
    case 'number':
    case 'integer':
      return <NumberInput {...common} value={(value as number | null) ?? ''} onChange={(v) => onChange(v === '' ? null : Number(v))} allowDecimal={field.type === 'number'} />;
    case 'money':
      return <TextInput {...common} inputMode="decimal" value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value || null)} />;
    case 'boolean':
      return <Switch label={field.label} checked={Boolean(value)} onChange={(e) => onChange(e.currentTarget.checked)} error={error} data-testid={`field-${field.name}`} />;
    case 'date':
      // shown in the user's locale; the value stays an ISO calendar date (YYYY-MM-DD)
      return (
        <DatePickerInput {...common} clearable value={(value as string | null) ?? null} onChange={(v) => onChange(v || null)}
          valueFormatter={({ date }) => (typeof date === 'string' || date instanceof Date ? formatDate(date, i18n.language) : '')} />
      );
    case 'datetime':
      // typed and shown as wall-clock time in the user's zone; the value stays a UTC instant (ISO)
      return <TextInput {...common} type="datetime-local" value={toZonedInput(value as string | null, userTimeZone())} onChange={(e) => onChange(fromZonedInput(e.currentTarget.value, userTimeZone()))} />;
    case 'enum':
    case 'select':
      return <Select {...common} data={field.values ?? []} value={(value as string | null) ?? null} onChange={(v) => onChange(v)} clearable={!field.required} />;
    case 'reference':
      return <ReferenceSelect field={field} value={value} onChange={onChange} error={error} />;
    case 'json':
      if (field.name === 'grants') return <GrantsEditor value={value} onChange={onChange} error={error} />;
      if (field.keyValue) return <KeyValueEditor name={field.name} label={field.label} value={value} onChange={onChange} error={error} />;
      if (field.items) return <ListEditor name={field.name} label={field.label} items={field.items} value={value} onChange={onChange} error={error} errors={errors} />;
      return <JsonInput {...common} autosize minRows={3} formatOnBlur value={value === undefined || value === null ? '' : JSON.stringify(value, null, 2)}
        onChange={(text) => { try { onChange(text ? JSON.parse(text) : null); } catch { /* keep typing */ } }} validationError={t('errors.generic')} />;
    default:
      return <TextInput {...common} type={field.type === 'email' ? 'email' : 'text'} maxLength={field.max} value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value || null)} />;
  }
}
