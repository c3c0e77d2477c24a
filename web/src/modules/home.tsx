import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { entityLabel } from '../app/labels.ts';
import { useMeta } from '../app/meta.ts';
import { useMe } from '../app/session.ts';

const RemindersSummary = lazy(() => import('./activities/reminders-summary.tsx'));

export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const meta = useMeta();
  return (
    <Stack>
      <Title order={2} data-testid="welcome">{t('home.welcome', { name: me.data?.user.name ?? '' })}</Title>
      <Text c="dimmed">{t('home.intro')}</Text>
      <Text size="sm">{t('home.shortcut')}</Text>
      {meta.data?.entities.some((e) => e.name === 'task') && (
        <Suspense fallback={null}>
          <RemindersSummary />
        </Suspense>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        {(meta.data?.entities ?? []).map((e) => (
          <Card key={e.name} withBorder component={Link} to={`/r/${e.resource}`}>
            <Text fw={600}>{entityLabel(t, e, true)}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
