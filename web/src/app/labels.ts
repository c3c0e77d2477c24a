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
