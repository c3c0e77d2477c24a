import { ActionIcon, Button, Group, Popover, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';

// Selects inside the filter popover keep their options inside it: a click on an option in a portal
// would count as a click outside and close the popover before the choice lands.
const INSIDE = { withinPortal: false } as const;

import { useTranslation } from 'react-i18next';
import { customLabel, enumOptions, fieldLabel } from '../app/labels.ts';
import type { EntityMeta } from '../app/meta.ts';
import { type FilterRule, LIST_OPS, opsFor, RELATIVE_RANGES } from './filters.ts';

export interface FilterableField {
  path: string;
  label: string;
  type: string;
  values?: string[] | { value: string; label: string }[];
}

export function filterableFields(entity: EntityMeta, t: ReturnType<typeof useTranslation>['t'], language: string): FilterableField[] {
  return [
    ...entity.fields.filter((f) => f.filterable).map((f) => ({ path: f.name, label: fieldLabel(t, f), type: f.type, values: enumOptions(t, entity.name, f.name, f.values) })),
    ...entity.customFields.map((c) => ({ path: c.path, label: customLabel(c, language), type: c.type, values: c.options ?? undefined })),
  ];
}

function ValueInput({ field, rule, onChange }: { field: FilterableField | undefined; rule: FilterRule; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const label = t('records.value');
  if (rule.op === 'isNull') {
    return <Select comboboxProps={INSIDE} aria-label={label} data={[{ value: 'true', label: t('app.yes') }, { value: 'false', label: t('app.no') }]} value={rule.value || 'true'} onChange={(v) => onChange(v ?? 'true')} w={110} allowDeselect={false} />;
  }
  if (rule.op === 'relative') {
    return <Select comboboxProps={INSIDE} aria-label={label} data={RELATIVE_RANGES.map((r) => ({ value: r, label: t(`relative.${r}`) }))} value={rule.value || null} onChange={(v) => onChange(v ?? '')} w={180} />;
  }
  if (field?.type === 'boolean') {
    return <Select comboboxProps={INSIDE} aria-label={label} data={[{ value: 'true', label: t('app.yes') }, { value: 'false', label: t('app.no') }]} value={rule.value || null} onChange={(v) => onChange(v ?? '')} w={110} />;
  }
  if (LIST_OPS.has(rule.op)) {
    return <TextInput aria-label={label} placeholder={t(rule.op === 'between' ? 'records.betweenHint' : 'records.listHint')} value={rule.value}
      onChange={(e) => onChange(e.currentTarget.value)} w={180} data-testid="filter-value" />;
  }
  if (field?.values?.length) {
    return <Select comboboxProps={INSIDE} aria-label={label} data={field.values} value={rule.value || null} onChange={(v) => onChange(v ?? '')} w={180} />;
  }
  const type = field?.type === 'date' ? 'date' : field?.type === 'datetime' ? 'datetime-local' : 'text';
  return <TextInput aria-label={label} type={type} value={rule.value} onChange={(e) => onChange(e.currentTarget.value)} w={180} data-testid="filter-value" />;
}

/** The filter builder: rules of field, condition and value, matched all or any. */
export function FilterBuilder({
  fields,
  rules,
  match,
  onChange,
}: {
  fields: FilterableField[];
  rules: FilterRule[];
  match: 'and' | 'or';
  onChange: (rules: FilterRule[], match: 'and' | 'or') => void;
}) {
  const { t } = useTranslation();
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const update = (i: number, patch: Partial<FilterRule>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)), match);
  const first = fields[0];
  return (
    <Popover position="bottom-start" width={620} trapFocus shadow="md">
      <Popover.Target>
        <Button variant={rules.length ? 'filled' : 'default'} data-testid="filters">
          {t('records.filters')}
          {rules.length ? ` (${rules.length})` : ''}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <SegmentedControl size="xs" value={match} onChange={(v) => onChange(rules, v as 'and' | 'or')}
            data={[{ value: 'and', label: t('records.matchAll') }, { value: 'or', label: t('records.matchAny') }]} />
          {rules.map((rule, i) => {
            const field = byPath.get(rule.field);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity besides their position
              <Group key={i} gap="xs" wrap="nowrap">
                <Select comboboxProps={INSIDE} aria-label={t('records.field')} data={fields.map((f) => ({ value: f.path, label: f.label }))} value={rule.field} w={170}
                  allowDeselect={false} searchable data-testid="filter-field"
                  onChange={(v) => v && update(i, { field: v, op: opsFor(byPath.get(v)?.type ?? 'string')[0]!, value: '' })} />
                <Select comboboxProps={INSIDE} aria-label={t('records.operator')} data={opsFor(field?.type ?? 'string').map((o) => ({ value: o, label: t(`ops.${o}`) }))}
                  value={rule.op} w={150} allowDeselect={false} data-testid="filter-op" onChange={(v) => v && update(i, { op: v, value: '' })} />
                <ValueInput field={field} rule={rule} onChange={(value) => update(i, { value })} />
                <ActionIcon variant="subtle" color="red" aria-label={t('app.delete')} onClick={() => onChange(rules.filter((_, j) => j !== i), match)}>
                  ×
                </ActionIcon>
              </Group>
            );
          })}
          <Group>
            <Button size="xs" variant="light" disabled={!first} data-testid="add-filter"
              onClick={() => first && onChange([...rules, { field: first.path, op: opsFor(first.type)[0]!, value: '' }], match)}>
              {t('records.addFilter')}
            </Button>
            {rules.length > 0 && (
              <Button size="xs" variant="subtle" onClick={() => onChange([], match)}>
                {t('records.clearFilters')}
              </Button>
            )}
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
