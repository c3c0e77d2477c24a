import { JsonInput, NumberInput, Select, Switch, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../app/api.ts';
import { formatDate } from '../app/format.ts';
import { type ListItemMeta, useMeta } from '../app/meta.ts';
import { GrantsEditor } from './grants-editor.tsx';
import { KeyValueEditor, ListEditor } from './list-editor.tsx';

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

/** A record of another entity picked by name (its first 500 by name). */
export function ReferenceSelect({ field, value, onChange, error, size, ariaLabel }: {
  field: InputField;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string;
  size?: 'xs' | 'sm';
  ariaLabel?: string;
}) {
  const meta = useMeta();
  const target = meta.data?.entities.find((e) => e.name === field.reference);
  const options = useQuery({
    queryKey: ['options', target?.resource],
    queryFn: () => api<{ data: { id: string; name?: string }[] }>(`${target!.path}${qs({ limit: 500, fields: 'id,name' })}`),
    enabled: Boolean(target),
  });
  const data = (options.data?.data ?? []).map((r) => ({ value: r.id, label: String(r.name ?? r.id) }));
  return (
    <Select label={field.label || undefined} data={data} value={(value as string | null) ?? null} onChange={(v) => onChange(v)} searchable clearable
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
      return <TextInput {...common} type="datetime-local" value={value ? String(value).slice(0, 16) : ''} onChange={(e) => onChange(e.currentTarget.value ? new Date(e.currentTarget.value).toISOString() : null)} />;
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
