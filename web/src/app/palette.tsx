import { Spotlight } from '@mantine/spotlight';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, qs } from './api.ts';
import { AREAS } from './areas.ts';
import { entityLabel } from './labels.ts';
import { useMeta } from './meta.ts';

interface Hit {
  entity: string;
  id: string;
  title: string;
  subtitle: string | null;
}

/** Ctrl+K / F2 anywhere: jump to any screen, or find any record the user may read. */
export function CommandPalette() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const meta = useMeta();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const search = useQuery({
    queryKey: ['search', debounced],
    queryFn: ({ signal }) => api<{ data: Hit[] }>(`/api/v1/search${qs({ q: debounced, limit: 10 })}`, { signal }),
    enabled: debounced.length >= 2,
    staleTime: 10_000,
  });
  const entities = meta.data?.entities ?? [];
  const go = (path: string) => () => void navigate(path);

  const navigation = [
    ...AREAS.map((a) => ({ id: `area-${a.key}`, label: t(a.labelKey), path: a.path })),
    ...entities.map((e) => ({ id: `entity-${e.name}`, label: entityLabel(t, e, true), path: `/r/${e.resource}` })),
    { id: 'api-keys', label: t('settings.apiKeys'), path: '/settings/api-keys' },
  ].filter((item) => !query || item.label.toLowerCase().includes(query.trim().toLowerCase()));

  const hits = search.data?.data ?? [];
  const resourceOf = (entity: string) => entities.find((e) => e.name === entity);

  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K', 'F2']} scrollable maxHeight={420}>
      <Spotlight.Search placeholder={t('palette.placeholder')} data-testid="palette-input" />
      <Spotlight.ActionsList>
        {hits.length > 0 && (
          <Spotlight.ActionsGroup label={t('palette.results')}>
            {hits.map((hit) => {
              const entity = resourceOf(hit.entity);
              return (
                <Spotlight.Action
                  key={`${hit.entity}-${hit.id}`}
                  label={hit.title}
                  description={[entity ? entityLabel(t, entity) : hit.entity, hit.subtitle].filter(Boolean).join(' · ')}
                  onClick={entity ? go(`/r/${entity.resource}/${hit.id}`) : undefined}
                  data-testid="palette-hit"
                />
              );
            })}
          </Spotlight.ActionsGroup>
        )}
        {navigation.length > 0 && (
          <Spotlight.ActionsGroup label={t('palette.navigation')}>
            {navigation.map((item) => (
              <Spotlight.Action key={item.id} label={item.label} onClick={go(item.path)} />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {hits.length === 0 && navigation.length === 0 && <Spotlight.Empty>{t('palette.nothing')}</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
