import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SETTINGS_PAGES, visibleAreas } from '../app/areas.ts';
import { entityLabel } from '../app/labels.ts';
import { useMeta } from '../app/meta.ts';
import { useMe } from '../app/session.ts';

const ORGANISATION = ['orgUnit', 'user', 'group', 'role'];
/** Lists other records pick from (partner groups …). */
const LISTS = ['partnerGroup', 'resource', 'pipeline', 'competitor', 'taskChainTemplate'];

export default function SettingsPage() {
  const { t } = useTranslation();
  const meta = useMeta();
  const me = useMe();
  const entities = (meta.data?.entities ?? []).filter((e) => ORGANISATION.includes(e.name));
  const lists = (meta.data?.entities ?? []).filter((e) => LISTS.includes(e.name));
  const link = (to: string, label: string, testId: string) => (
    <Card key={to} withBorder component={Link} to={to} data-testid={testId}>
      <Text fw={600}>{label}</Text>
    </Card>
  );
  return (
    <Stack>
      <Title order={2} size="h3">{t('settings.title')}</Title>
      <Title order={3} size="h5">{t('settings.organisation')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        {entities.map((e) => link(`/r/${e.resource}`, entityLabel(t, e, true), `settings-${e.resource}`))}
      </SimpleGrid>
      {lists.length > 0 && (
        <>
          <Title order={3} size="h5">{t('settings.lists')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            {lists.map((e) => link(`/r/${e.resource}`, entityLabel(t, e, true), `settings-${e.resource}`))}
          </SimpleGrid>
        </>
      )}
      <Title order={3} size="h5">{t('settings.integration')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        {visibleAreas(SETTINGS_PAGES, meta.data?.entities ?? [], me.data?.user.isAdmin)
          .filter((p) => p.key !== 'profile')
          .map((p) => link(p.path, t(p.labelKey), `settings-${p.key}`))}
      </SimpleGrid>
    </Stack>
  );
}
