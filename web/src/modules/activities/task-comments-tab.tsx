import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { showError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';

interface TaskComment {
  id: string;
  authorName: string | null;
  body: string;
  createdAt: string;
}

/** Replies on a task, oldest first, and a new reply (plain text). */
export default function TaskCommentsTab({ id }: { id: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const comments = useQuery({ queryKey: ['task-comments', id], queryFn: () => api<{ data: TaskComment[] }>(`/api/v1/tasks/${id}/comments`) });
  const send = async () => {
    if (!body.trim()) return;
    setSending(true);
    try {
      await api(`/api/v1/tasks/${id}/comments`, { method: 'POST', body: { body } });
      setBody('');
      await queryClient.invalidateQueries({ queryKey: ['task-comments', id] });
    } catch (error) {
      showError(error, t);
    } finally {
      setSending(false);
    }
  };
  const rows = comments.data?.data ?? [];
  return (
    <Stack data-testid="task-comments">
      {rows.map((c) => (
        <Paper key={c.id} withBorder p="sm">
          <Text size="xs" c="dimmed">{c.authorName ?? '—'} · {formatDateTime(c.createdAt, i18n.language)}</Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Text>
        </Paper>
      ))}
      {rows.length === 0 && !comments.isLoading && <Text c="dimmed">{t('activities.noComments')}</Text>}
      <Textarea autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} aria-label={t('activities.reply')} data-testid="task-comment-body" />
      <Group>
        <Button onClick={() => void send()} loading={sending} disabled={!body.trim()} data-testid="task-comment-send">{t('activities.reply')}</Button>
      </Group>
    </Stack>
  );
}
