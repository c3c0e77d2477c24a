import { Anchor, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, qs } from '../app/api.ts';
import { showError } from '../app/errors.ts';
import { formatNumber } from '../app/format.ts';

interface Attachment {
  id: string;
  fileName: string;
  size: string;
  mimeType: string;
}

/** Files attached to a record: list, download, upload. */
export function Attachments({ entity, recordId, canAdd }: { entity: string; recordId: string; canAdd: boolean }) {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: ['attachments', entity, recordId],
    queryFn: () => api<{ data: Attachment[] }>(`/api/v1/attachments${qs({ entity, recordId })}`),
  });
  const upload = async (file: File | null) => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    const response = await fetch(`/api/v1/attachments${qs({ entity, recordId })}`, { method: 'POST', body: form, credentials: 'include' });
    if (!response.ok) showError(new ApiError(response.status, await response.json().catch(() => ({}))), t);
    await list.refetch();
  };
  return (
    <Stack>
      {(list.data?.data ?? []).length === 0 && <Text c="dimmed">{t('record.noAttachments')}</Text>}
      {(list.data?.data ?? []).map((a) => (
        <Group key={a.id} justify="space-between">
          <Anchor href={`/api/v1/attachments/${a.id}/content`}>{a.fileName}</Anchor>
          <Text size="sm" c="dimmed">{formatNumber(Math.ceil(Number(a.size) / 1024), i18n.language)} KB</Text>
        </Group>
      ))}
      {canAdd && (
        <FileButton onChange={(f) => void upload(f)}>
          {(props) => <Button variant="light" {...props}>{t('record.upload')}</Button>}
        </FileButton>
      )}
    </Stack>
  );
}
