import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';

/** An address the app does not know (or a kind of record it does not have): said plainly, with a way back. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  // history.state.idx is React Router's position in this tab's history: 0 when the address was opened directly
  const canGoBack = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  return (
    <Stack align="flex-start" py="xl" data-testid="not-found">
      <Title order={2}>{t('notFound.title')}</Title>
      <Text c="dimmed">{t('notFound.text', { path: location.pathname })}</Text>
      <Group>
        {canGoBack && (
          <Button variant="default" onClick={() => void navigate(-1)} data-testid="not-found-back">
            {t('notFound.back')}
          </Button>
        )}
        <Button component={Link} to="/" data-testid="not-found-home">
          {t('notFound.home')}
        </Button>
      </Group>
    </Stack>
  );
}
