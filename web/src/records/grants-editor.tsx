import { Select, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';

type Grants = Record<string, Record<string, string>>;

/** A role's permissions as a matrix: per area and action, the scope (none / own / team / all). */
export function GrantsEditor({ value, onChange, error }: { value: unknown; onChange: (v: Grants) => void; error?: string }) {
  const { t } = useTranslation();
  const access = useQuery({
    queryKey: ['access-areas'],
    queryFn: () => api<{ areas: string[]; actions: string[]; scopes: string[] }>('/api/v1/access/areas'),
    staleTime: Infinity,
  });
  const grants = (value && typeof value === 'object' ? value : {}) as Grants;
  if (!access.data) return null;
  const set = (area: string, action: string, scope: string) => {
    const next: Grants = structuredClone(grants);
    next[area] = { ...(next[area] ?? {}), [action]: scope };
    if (scope === 'none') delete next[area]![action];
    if (Object.keys(next[area]!).length === 0) delete next[area];
    onChange(next);
  };
  return (
    <div data-testid="grants-editor">
      <Text fw={500} size="sm" mb={4}>{t('fields.grants')}</Text>
      {error && <Text c="red" size="xs">{error}</Text>}
      <Table.ScrollContainer minWidth={720}>
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              {access.data.actions.map((action) => <Table.Th key={action}>{t(`actions.${action}`)}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {['*', ...access.data.areas].map((area) => (
              <Table.Tr key={area}>
                <Table.Td>{t(`areas.${area}`)}</Table.Td>
                {access.data.actions.map((action) => (
                  <Table.Td key={action}>
                    <Select size="xs" w={100} allowDeselect={false} aria-label={`${t(`areas.${area}`)} · ${t(`actions.${action}`)}`}
                      data-testid={`grant-${area}-${action}`}
                      data={access.data.scopes.map((s) => ({ value: s, label: t(`scopes.${s}`) }))}
                      value={grants[area]?.[action] ?? 'none'} onChange={(v) => v && set(area, action, v)} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
