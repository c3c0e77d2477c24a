import type { TFunction } from 'i18next';
import type { CustomFieldMeta, EntityMeta, FieldMeta } from './meta.ts';

const humanize = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

/** A field's label: its own key, else the shared `fields.<name>`, else its name made readable. */
export function fieldLabel(t: TFunction, field: FieldMeta): string {
  return t(field.labelKey, { defaultValue: t(`fields.${field.name}`, { defaultValue: humanize(field.name) }) });
}

export function customLabel(field: CustomFieldMeta, language: string): string {
  return field.label[language] ?? field.label.en ?? humanize(field.key);
}

export function entityLabel(t: TFunction, entity: Pick<EntityMeta, 'name' | 'labelKey'>, plural = false): string {
  return plural
    ? t(`plural.${entity.name}`, { defaultValue: t(entity.labelKey, { defaultValue: humanize(entity.name) }) })
    : t(entity.labelKey, { defaultValue: humanize(entity.name) });
}

/**
 * The label of a fixed value of a field (a status, a kind …) in the reader's language:
 * `values.<entity>.<field>.<value>`; language codes by their own names; else the value made readable.
 */
export function enumLabel(t: TFunction, entity: string, field: string, value: string): string {
  if (field === 'locale' || field === 'language') return t(`lang.${value}`, { defaultValue: value });
  const readable = value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return t(`values.${entity}.${field}.${value}`, { defaultValue: readable });
}

/** The choices of a field with fixed values, labelled for a select. */
export function enumOptions(t: TFunction, entity: string, field: string, values: readonly string[] | undefined) {
  return values?.map((value) => ({ value, label: enumLabel(t, entity, field, value) }));
}
