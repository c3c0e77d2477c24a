import { ActionIcon, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton, Button, Group } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from './api.ts';
import { formatDateTime } from './format.ts';

interface Notice {
  id: string;
  title: string;
  body: string | null;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

/** Unread count, live arrivals over server-sent events, and the latest notifications. */
export function NotificationsBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const count = useQuery({ queryKey: ['notifications', 'count'], queryFn: () => api<{ count: number }>('/api/v1/notifications/unread-count') });
  const list = useQuery({ queryKey: ['notifications', 'list'], queryFn: () => api<{ data: Notice[] }>('/api/v1/notifications?limit=20') });

  useEffect(() => {
    // EventSource reconnects by itself after a dropped connection
    const source = new EventSource('/api/v1/notifications/stream', { withCredentials: true });
    source.addEventListener('notification', (event) => {
      const notice = JSON.parse((event as MessageEvent<string>).data) as Notice;
      toasts.show({ title: notice.title, message: notice.body ?? '', color: 'blue' });
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    });
    return () => source.close();
  }, [queryClient]);

  const open = async (notice: Notice) => {
    await api(`/api/v1/notifications/${notice.id}/read`, { method: 'POST' }).catch(() => undefined);
    await queryClient.invalidateQueries({ queryKey: ['notifications'] });
    if (notice.link) await navigate(notice.link);
  };
  const readAll = async () => {
    await api('/api/v1/notifications/read-all', { method: 'POST' }).catch(() => undefined);
    await queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
  const unread = count.data?.count ?? 0;

  return (
    <Popover position="bottom-end" width={340} shadow="md">
      <Popover.Target>
        <Indicator label={unread} size={16} disabled={unread === 0} data-testid="unread-count">
          <ActionIcon variant="subtle" size="lg" aria-label={t('notifications.title')} data-testid="notifications">
            <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
              <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
              <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown>
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t('notifications.title')}</Text>
          {unread > 0 && <Button size="compact-xs" variant="subtle" onClick={() => void readAll()}>{t('notifications.markAllRead')}</Button>}
        </Group>
        <ScrollArea.Autosize mah={360}>
          <Stack gap={4}>
            {(list.data?.data ?? []).length === 0 && <Text c="dimmed" size="sm">{t('notifications.empty')}</Text>}
            {(list.data?.data ?? []).map((n) => (
              <UnstyledButton key={n.id} onClick={() => void open(n)} p={6} style={{ borderRadius: 6, background: n.readAt ? undefined : 'var(--mantine-color-blue-light)' }}>
                <Text size="sm" fw={n.readAt ? 400 : 600}>{n.title}</Text>
                <Text size="xs" c="dimmed">{formatDateTime(n.createdAt, i18n.language)}</Text>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
