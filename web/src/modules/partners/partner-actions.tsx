import { Alert, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { errorMessage, showSuccess } from '../../app/errors.ts';
import { useMeta } from '../../app/meta.ts';
import type { RecordActionProps } from '../../records/record-actions.ts';

/** On a partner: convert a business card (alone or with its first opportunity), find its duplicates. */
export function PartnerActions({ id, record, canEdit, reload }: RecordActionProps) {
  const { t } = useTranslation();
  const meta = useMeta();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const canSell = meta.data?.entities.some((e) => e.name === 'opportunity' && e.permissions.create !== 'none');
  const convert = async (withOpportunity: boolean) => {
    setProblem(null);
    try {
      if (withOpportunity) {
        const result = await api<{ opportunity: { id: string } }>(`/api/v1/leads/${id}/convert`, { method: 'POST', body: {} });
        showSuccess(t('partnerActions.converted'));
        await navigate(`/r/opportunities/${result.opportunity.id}`);
      } else {
        await api(`/api/v1/partners/${id}/convert`, { method: 'POST' });
        showSuccess(t('partnerActions.converted'));
        await queryClient.invalidateQueries({ queryKey: ['history', 'partners', id] });
        reload();
      }
    } catch (error) {
      setProblem(errorMessage(error, t));
    }
  };
  return (
    <Group gap="xs">
      {canEdit && record.status === 'lead' && (
        <Menu>
          <Menu.Target>
            <Button data-testid="partner-convert">{t('partnerActions.convert')}</Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => void convert(false)} data-testid="partner-convert-prospect">{t('partnerActions.toProspect')}</Menu.Item>
            {canSell && <Menu.Item onClick={() => void convert(true)} data-testid="partner-convert-opportunity">{t('partnerActions.withOpportunity')}</Menu.Item>}
          </Menu.Dropdown>
        </Menu>
      )}
      <Button variant="default" component={Link} to={`/partners/duplicates?partnerId=${id}`} data-testid="partner-duplicates">{t('partnerActions.duplicates')}</Button>
      {problem && <Alert color="red" withCloseButton onClose={() => setProblem(null)}>{problem}</Alert>}
    </Group>
  );
}

/** On a contact: everything held about the person as JSON, and erasure (typed confirmation). */
export function ContactActions({ id, record, canEdit }: RecordActionProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [erasing, setErasing] = useState(false);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const name = String(record.fullName ?? '');
  const erase = async () => {
    try {
      await api(`/api/v1/contacts/${id}/erase`, { method: 'POST' });
      setErasing(false);
      showSuccess(t('partnerActions.erased'));
      await queryClient.invalidateQueries({ queryKey: ['records', 'contacts'] });
      await navigate('/r/contacts');
    } catch (error) {
      setProblem(errorMessage(error, t));
    }
  };
  return (
    <Group gap="xs">
      <Button variant="default" component="a" href={`/api/v1/contacts/${id}/personal-data`} download data-testid="contact-export-data">{t('partnerActions.exportData')}</Button>
      {canEdit && <Button variant="light" color="red" onClick={() => setErasing(true)} data-testid="contact-erase">{t('partnerActions.erase')}</Button>}
      <Modal opened={erasing} onClose={() => setErasing(false)} title={t('partnerActions.erase')}>
        <Stack>
          <Text size="sm">{t('partnerActions.eraseWarning')}</Text>
          <TextInput label={t('partnerActions.typeName', { name })} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} data-testid="contact-erase-name" />
          {problem && <Alert color="red">{problem}</Alert>}
          <Group justify="flex-end">
            <Button color="red" disabled={typed.trim() !== name.trim()} onClick={() => void erase()} data-testid="contact-erase-confirm">{t('partnerActions.erase')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
