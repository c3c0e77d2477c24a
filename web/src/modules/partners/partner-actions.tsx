import { Button, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { showError, showSuccess } from '../../app/errors.ts';
import { useMeta } from '../../app/meta.ts';
import type { RecordActionProps } from '../../records/record-actions.ts';
import { canConvert } from './partner-actions-logic.ts';

type Conversion = 'prospect' | 'opportunity';

/** On a partner: convert a business card (alone or with its first opportunity) after a confirmation; find its duplicates. */
export default function PartnerActions({ id, record, canEdit, reload }: RecordActionProps) {
  const { t } = useTranslation();
  const meta = useMeta();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [asked, setAsked] = useState<Conversion | null>(null);
  const [busy, setBusy] = useState(false);
  const canSell = meta.data?.entities.some((e) => e.name === 'opportunity' && e.permissions.create !== 'none');
  const name = String(record.name ?? '');
  const convert = async (kind: Conversion) => {
    setBusy(true);
    try {
      if (kind === 'opportunity') {
        const result = await api<{ opportunity: { id: string } }>(`/api/v1/leads/${id}/convert`, { method: 'POST', body: {} });
        showSuccess(t('partnerActions.converted'));
        await queryClient.invalidateQueries({ queryKey: ['records'] });
        await navigate(`/r/opportunities/${result.opportunity.id}`);
      } else {
        await api(`/api/v1/partners/${id}/convert`, { method: 'POST' });
        setAsked(null);
        showSuccess(t('partnerActions.converted'));
        await queryClient.invalidateQueries({ queryKey: ['records', 'partners'] });
        await queryClient.invalidateQueries({ queryKey: ['history', 'partners', id] });
        reload();
      }
    } catch (error) {
      showError(error, t);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="xs">
      {canConvert(record, canEdit) && (
        <Menu>
          <Menu.Target>
            <Button data-testid="partner-convert">{t('partnerActions.convert')}</Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => setAsked('prospect')} data-testid="partner-convert-prospect">{t('partnerActions.toProspect')}</Menu.Item>
            {canSell && <Menu.Item onClick={() => setAsked('opportunity')} data-testid="partner-convert-opportunity">{t('partnerActions.withOpportunity')}</Menu.Item>}
          </Menu.Dropdown>
        </Menu>
      )}
      <Button variant="default" component={Link} to={`/partners/duplicates?partnerId=${id}`} data-testid="partner-duplicates">{t('partnerActions.findDuplicates')}</Button>
      <Modal opened={asked !== null} onClose={() => setAsked(null)} title={t('partnerActions.convertTitle')}>
        <Stack>
          <Text size="sm">{t(asked === 'opportunity' ? 'partnerActions.convertWithOpportunityConfirm' : 'partnerActions.convertConfirm', { name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsked(null)}>{t('app.cancel')}</Button>
            <Button loading={busy} onClick={() => asked && void convert(asked)} data-testid="partner-convert-confirm">{t('partnerActions.convert')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
