import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';

export type FieldType =
  | 'string' | 'text' | 'email' | 'phone' | 'url' | 'number' | 'integer' | 'money'
  | 'boolean' | 'date' | 'datetime' | 'enum' | 'uuid' | 'reference' | 'tags' | 'json';

export interface FieldMeta {
  name: string;
  type: FieldType;
  labelKey: string;
  filterable: boolean;
  sortable: boolean;
  searchable: boolean;
  required: boolean;
  readOnly: boolean;
  max?: number;
  values?: string[];
  reference?: string;
  /** A list of like entries kept in the record (addresses, bank accounts …): the fields of one entry. */
  items?: ListItemMeta[];
  /** Named text values (characteristics, messaging handles). */
  keyValue?: boolean;
}

export interface ListItemMeta {
  name: string;
  type: 'string' | 'integer' | 'number' | 'enum' | 'date' | 'boolean' | 'reference';
  required: boolean;
  values?: string[];
  /** For `reference`: the entity picked from. */
  reference?: string;
  max?: number;
}

export interface CustomFieldMeta {
  key: string;
  path: string;
  type: string;
  label: Record<string, string>;
  options: string[] | null;
  required: boolean;
}

export interface EntityMeta {
  name: string;
  resource: string;
  path: string;
  area: string;
  labelKey: string;
  defaultSort: string;
  /** The field that names a record in pickers and references (searchable with `q`). */
  displayField?: string;
  customFieldsEnabled: boolean;
  fields: FieldMeta[];
  customFields: CustomFieldMeta[];
  permissions: Record<'read' | 'create' | 'update' | 'delete' | 'export' | 'import', 'none' | 'own' | 'team' | 'all'>;
}

/** What the server says the user may see: entities, fields and permissions (drives every records screen). */
export function useMeta() {
  return useQuery({ queryKey: ['meta'], queryFn: () => api<{ entities: EntityMeta[] }>('/api/v1/meta'), staleTime: 60_000 });
}

export function useEntity(resource: string | undefined) {
  const meta = useMeta();
  return { ...meta, entity: meta.data?.entities.find((e) => e.resource === resource) };
}
