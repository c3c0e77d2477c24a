import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight } from '@mantine/spotlight';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api, qs } from './api.ts';
import { AREAS, quickActions, SETTINGS_PAGES, visibleAreas } from './areas.ts';
import { entityLabel } from './labels.ts';
import { useMeta } from './meta.ts';
import { useScreenContext } from './screen-context.ts';
import { matchesSearch } from './search-text.ts';
import type { Me } from './session.ts';

interface Hit {
  entity: string;
  id: string;
  title: string;
  subtitle: string | null;
}

/** Ctrl+K / F2 anywhere: create with the record on screen as context, jump to any screen, or find any record. */
export function CommandPalette({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const meta = useMeta();
  const context = useScreenContext();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const search = useQuery({
    queryKey: ['search', debounced],
    queryFn: async ({ signal }) => {
      try {
        return await api<{ data: Hit[] }>(`/api/v1/search${qs({ q: debounced, limit: 10 })}`, { signal });
      } catch (error) {
        // a server without the search area answers 404: the palette still navigates
        if (error instanceof ApiError && error.status === 404) return { data: [] };
        throw error;
      }
    },
    enabled: debounced.length >= 2,
    staleTime: 10_000,
  });
  const entities = meta.data?.entities ?? [];
  const go = (path: string) => () => void navigate(path);
  const matches = (label: string) => matchesSearch(label, query);

  const create = quickActions(entities, context)
    .map((a) => ({ id: a.key, label: t(a.labelKey), path: a.path }))
    .filter((item) => matches(item.label));
  const navigation = [
    ...visibleAreas(AREAS, entities).map((a) => ({ id: `area-${a.key}`, label: t(a.labelKey), path: a.path })),
    ...entities.map((e) => ({ id: `entity-${e.name}`, label: entityLabel(t, e, true), path: `/r/${e.resource}` })),
    ...visibleAreas(SETTINGS_PAGES, entities, me.user.isAdmin).map((p) => ({ id: `settings-${p.key}`, label: t(p.labelKey), path: p.path })),
  ].filter((item) => matches(item.label));

  const hits = search.data?.data ?? [];
  const resourceOf = (entity: string) => entities.find((e) => e.name === entity);

  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K', 'F2']} scrollable maxHeight={420}>
      <Spotlight.Search placeholder={t('palette.placeholder')} data-testid="palette-input" />
      <Spotlight.ActionsList>
        {create.length > 0 && (
          <Spotlight.ActionsGroup label={t('palette.create')}>
            {create.map((item) => (
              <Spotlight.Action
                key={item.id}
                label={item.label}
                description={context ? t('palette.about', { title: context.title }) : undefined}
                onClick={go(item.path)}
                data-testid={`palette-${item.id}`}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
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
              <Spotlight.Action key={item.id} label={item.label} onClick={go(item.path)} data-testid={`palette-${item.id}`} />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {hits.length === 0 && navigation.length === 0 && create.length === 0 && <Spotlight.Empty>{t('palette.nothing')}</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
