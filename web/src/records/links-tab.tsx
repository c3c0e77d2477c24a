import { Button, MultiSelect, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../app/api.ts';
import { showError, showSuccess } from '../app/errors.ts';

export interface LinkSpec {
  /** Body key and label key, e.g. roleIds / plural.role. */
  key: string;
  labelKey: string;
  /** Where the choices come from (a records list) and where the set is saved (PUT). */
  optionsPath: string;
  savePath: string;
  current: string[];
}

function LinkPicker({ spec }: { spec: LinkSpec }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<string[]>(spec.current);
  const options = useQuery({
    queryKey: ['link-options', spec.optionsPath],
    queryFn: () => api<{ data: { id: string; name: string }[] }>(`${spec.optionsPath}${qs({ limit: 500, fields: 'id,name' })}`),
  });
  const save = async () => {
    try {
      await api(spec.savePath, { method: 'PUT', body: { [spec.key]: value } });
      showSuccess(t('record.saved'));
    } catch (error) {
      showError(error, t);
    }
  };
  return (
    <Stack gap="xs">
      <MultiSelect label={t(spec.labelKey)} searchable data-testid={`links-${spec.key}`}
        data={(options.data?.data ?? []).map((o) => ({ value: o.id, label: o.name }))} value={value} onChange={setValue} />
      <Button size="xs" variant="light" w="fit-content" onClick={() => void save()} data-testid={`save-${spec.key}`}>{t('app.save')}</Button>
    </Stack>
  );
}

/** Memberships of a user (roles, groups) or of a group (members, roles), saved as whole sets. */
export function LinksTab({ entity, id }: { entity: 'user' | 'group'; id: string }) {
  const links = useQuery({
    queryKey: ['links', entity, id],
    queryFn: () =>
      api<{ roleIds: string[]; groupIds?: string[]; userIds?: string[] }>(
        entity === 'user' ? `/api/v1/users/${id}/access` : `/api/v1/groups/${id}/links`,
      ),
  });
  if (!links.data) return null;
  const data = links.data;
  const specs: LinkSpec[] =
    entity === 'user'
      ? [
          { key: 'roleIds', labelKey: 'plural.role', optionsPath: '/api/v1/roles', savePath: `/api/v1/users/${id}/roles`, current: data.roleIds },
          { key: 'groupIds', labelKey: 'plural.group', optionsPath: '/api/v1/groups', savePath: `/api/v1/users/${id}/groups`, current: data.groupIds ?? [] },
        ]
      : [
          { key: 'userIds', labelKey: 'plural.user', optionsPath: '/api/v1/users', savePath: `/api/v1/groups/${id}/members`, current: data.userIds ?? [] },
          { key: 'roleIds', labelKey: 'plural.role', optionsPath: '/api/v1/roles', savePath: `/api/v1/groups/${id}/roles`, current: data.roleIds },
        ];
  return (
    <Stack>
      {specs.map((spec) => <LinkPicker key={spec.key} spec={spec} />)}
    </Stack>
  );
}
