import { Badge, Text } from '@mantine/core';
import { formatDate, formatDateTime, formatNumber } from '../app/format.ts';
import type { FieldType } from '../app/meta.ts';

/** A value shown in the user's locale according to its field type. */
export function CellValue({ type, value, language, names, label }: { type: FieldType | string; value: unknown; language: string; names?: Map<string, string>; label?: (value: string) => string }) {
  if (value === null || value === undefined || value === '') return <Text c="dimmed">—</Text>;
  switch (type) {
    case 'date':
      return <>{formatDate(String(value), language)}</>;
    case 'datetime':
      return <>{formatDateTime(String(value), language)}</>;
    case 'number':
    case 'integer':
    case 'money':
      return <>{formatNumber(value as number, language)}</>;
    case 'boolean':
      return <>{value ? '✓' : '—'}</>;
    case 'enum':
    case 'select':
      return <Badge variant="light">{label ? label(String(value)) : String(value)}</Badge>;
    case 'tags':
    case 'multiselect':
      return <>{(value as string[]).join(', ')}</>;
    case 'reference':
    case 'uuid':
      return <>{names?.get(String(value)) ?? String(value).slice(0, 8)}</>;
    case 'json':
      return <Text size="xs" ff="monospace" truncate>{JSON.stringify(value)}</Text>;
    default:
      return <>{String(value)}</>;
  }
}
