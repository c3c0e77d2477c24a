import { Alert, Button, Group, MultiSelect, Stack } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../app/api.ts';
import { errorMessage, showSuccess } from '../../app/errors.ts';

function CompetitorsTab({ id, canEdit, resource }: { id: string; canEdit: boolean; resource: 'partners' | 'opportunities' }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const linked = useQuery({ queryKey: ['competitors', resource, id], queryFn: () => api<{ data: { id: string; name: string }[] }>(`/api/v1/${resource}/${id}/competitors`) });
  const all = useQuery({ queryKey: ['competitor-options'], queryFn: () => api<{ data: { id: string; name: string }[] }>(`/api/v1/competitors${qs({ limit: 500, fields: 'id,name' })}`) });
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const value = chosen ?? (linked.data?.data ?? []).map((c) => c.id);
  const save = async () => {
    try {
      await api(`/api/v1/${resource}/${id}/competitors`, { method: 'PUT', body: { competitorIds: value } });
      setChosen(null);
      await queryClient.invalidateQueries({ queryKey: ['competitors', resource, id] });
      showSuccess(t('record.saved'));
    } catch (error) {
      setProblem(errorMessage(error, t));
    }
  };
  return (
    <Stack data-testid="competitors-tab">
      <MultiSelect
        label={t('plural.competitor')}
        data={(all.data?.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={value}
        onChange={setChosen}
        searchable
        disabled={!canEdit}
      />
      {problem && <Alert color="red">{problem}</Alert>}
      {canEdit && (
        <Group>
          <Button onClick={() => void save()} disabled={chosen === null}>{t('app.save')}</Button>
        </Group>
      )}
    </Stack>
  );
}

export const PartnerCompetitorsTab = (props: { id: string; canEdit: boolean }) => <CompetitorsTab {...props} resource="partners" />;
export const OpportunityCompetitorsTab = (props: { id: string; canEdit: boolean }) => <CompetitorsTab {...props} resource="opportunities" />;
