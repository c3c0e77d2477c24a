import { Anchor, Card, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyReminders } from './my-reminders-page.tsx';
import { counts } from './reminders-logic.ts';

/** On the home page: how much my reminders hold for the coming week, linking to them. */
export default function RemindersSummary() {
  const { t } = useTranslation();
  const reminders = useMyReminders(7);
  if (!reminders.data) return null;
  const c = counts(reminders.data);
  return (
    <Card withBorder data-testid="home-reminders">
      <Group justify="space-between">
        <Text fw={600}>{t('reminders.homeTitle')}</Text>
        <Anchor component={Link} to="/reminders" size="sm">{t('reminders.seeAll')}</Anchor>
      </Group>
      <Text size="sm" c={c.total ? undefined : 'dimmed'}>
        {c.total ? t('reminders.homeCounts', c) : t('reminders.nothing', { days: 7 })}
      </Text>
    </Card>
  );
}
