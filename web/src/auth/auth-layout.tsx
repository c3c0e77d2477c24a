import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguagePicker } from '../app/language-picker.tsx';

export function AuthLayout({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Stack w="100%" maw={420}>
        <Group justify="space-between">
          <Text fw={700} c="blue">
            {t('app.name')}
          </Text>
          <LanguagePicker />
        </Group>
        <Paper withBorder p="lg" shadow="sm">
          <Stack>
            <Title order={2} size="h3">
              {title}
            </Title>
            {intro && <Text c="dimmed">{intro}</Text>}
            {children}
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}
