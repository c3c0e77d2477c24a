import { Button, FileButton, Group, Image } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, qs } from '../../app/api.ts';
import { showError, showSuccess } from '../../app/errors.ts';
import type { RecordActionProps } from '../../records/record-actions.ts';

/** Image types a product photo may have (the server reads the type from the file itself). */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp,image/gif';

/** On a product: its photo, and (with edit rights) upload a new one or remove it. */
export default function ProductPhoto({ id, record, canEdit, reload }: RecordActionProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const photo = typeof record.photoAttachmentId === 'string' ? record.photoAttachmentId : null;
  const setPhoto = async (attachmentId: string | null) => {
    await api(`/api/v1/products/${id}`, { method: 'PATCH', body: { photoAttachmentId: attachmentId }, headers: { 'if-match': `"${String(record.version)}"` } });
    await queryClient.invalidateQueries({ queryKey: ['attachments', 'product', id] });
    reload();
  };
  const upload = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file);
      const response = await fetch(`/api/v1/attachments${qs({ entity: 'product', recordId: id })}`, { method: 'POST', body: form, credentials: 'include' });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new ApiError(response.status, body);
      await setPhoto((body as { id: string }).id);
      showSuccess(t('products.photoSaved'));
    } catch (error) {
      showError(error, t);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await setPhoto(null);
    } catch (error) {
      showError(error, t);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="xs" align="center">
      {photo && <Image src={`/api/v1/attachments/${photo}/content`} alt={t('products.photo')} h={64} w={64} fit="contain" radius="sm" data-testid="product-photo" />}
      {canEdit && (
        <FileButton accept={PHOTO_ACCEPT} onChange={(f) => void upload(f)}>
          {(props) => <Button {...props} variant="default" loading={busy} data-testid="product-photo-upload">{t(photo ? 'products.changePhoto' : 'products.addPhoto')}</Button>}
        </FileButton>
      )}
      {canEdit && photo && <Button variant="subtle" color="red" disabled={busy} onClick={() => void remove()} data-testid="product-photo-remove">{t('products.removePhoto')}</Button>}
    </Group>
  );
}
