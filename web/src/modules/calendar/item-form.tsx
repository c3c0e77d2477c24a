import { Alert, Button, Checkbox, Group, Modal, MultiSelect, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../../app/api.ts';
import { errorMessage } from '../../app/errors.ts';
import { fromZonedInput, toZonedInput, userTimeZone } from '../../app/time-zone.ts';
import type { CalendarItem, OccurrenceScope } from './calendar-api.ts';

/** "2026-03-02T09:00" for datetime-local inputs, in the user's zone (as the calendar draws), and back. */
export const toLocalInput = (d: Date): string => toZonedInput(d, userTimeZone());
const fromLocalInput = (s: string): Date | null => {
  const iso = fromZonedInput(s, userTimeZone());
  return iso ? new Date(iso) : null;
};

const REPEATS = ['none', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'custom'] as const;
type Repeat = (typeof REPEATS)[number];

export interface FormTarget {
  /** an existing item, or a new one over a selected time */
  item: CalendarItem | null;
  start: Date;
  end: Date;
  /** whose calendar a new entry goes to */
  userId: string;
}

interface Props {
  target: FormTarget | null;
  people: { value: string; label: string }[];
  onClose: () => void;
  onSaved: () => void;
}

function repeatOf(rrule: string | null | undefined): Repeat {
  if (!rrule) return 'none';
  const m = /^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)$/.exec(rrule);
  return m ? (m[1] as Repeat) : 'custom';
}

/** The quick form: a new event or task over the selected time, or an existing one to change or delete. */
export function ItemForm({ target, people, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const item = target?.item ?? null;
  const [kind, setKind] = useState<'event' | 'task'>('event');
  const [title, setTitle] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [location, setLocation] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const [owner, setOwner] = useState<string | null>(null);
  const [assignees, setAssignees] = useState<string[]>([]);
  const [repeat, setRepeat] = useState<Repeat>('none');
  const [rule, setRule] = useState('');
  const [scope, setScope] = useState<OccurrenceScope>('this');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!target) return;
    const existing = target.item;
    setKind(existing?.kind === 'task' ? 'task' : 'event');
    setTitle(existing?.title ?? '');
    setStart(toLocalInput(target.start));
    setEnd(toLocalInput(target.end));
    setLocation(existing?.location ?? '');
    setPrivate(existing?.private ?? false);
    setOwner(target.userId);
    setAssignees([target.userId]);
    setRepeat(repeatOf(existing?.rrule));
    setRule(existing?.rrule ?? '');
    setScope('this');
    setError(null);
  }, [target]);

  if (!target) return null;
  const recurring = Boolean(item?.rrule && item.occurrenceStart);

  const save = async (remove = false) => {
    const startsAt = fromLocalInput(start);
    const endsAt = fromLocalInput(end);
    if (!title.trim() && !remove) return setError(t('calendar.form.titleRequired'));
    if (!startsAt || (kind === 'event' && !endsAt)) return setError(t('calendar.form.timeRequired'));
    setSaving(true);
    setError(null);
    const rrule = repeat === 'none' ? null : repeat === 'custom' ? rule.trim() || null : `FREQ=${repeat}`;
    try {
      if (kind === 'task') {
        const due = (endsAt ?? startsAt).toISOString();
        if (item?.id) {
          const headers = { 'if-match': `"${item.version}"` };
          if (remove) await api(`/api/v1/tasks/${item.id}`, { method: 'DELETE', headers });
          else await api(`/api/v1/tasks/${item.id}`, { method: 'PATCH', body: { title: title.trim(), dueAt: due }, headers });
        } else if (assignees.length > 1) {
          await api('/api/v1/tasks/dispatch', { method: 'POST', body: { title: title.trim(), dueAt: due, assigneeIds: assignees } });
        } else {
          await api('/api/v1/tasks', { method: 'POST', body: { title: title.trim(), dueAt: due, assigneeId: assignees[0] ?? target.userId } });
        }
      } else if (item?.id && recurring) {
        const changes = { subject: title.trim(), startsAt: startsAt.toISOString(), endsAt: endsAt!.toISOString(), location: location || null, private: isPrivate };
        await api(`/api/v1/events/${item.id}/occurrences`, {
          method: 'POST',
          body: { occurrenceStart: item.occurrenceStart, scope, version: item.version, ...(remove ? { delete: true } : { changes }) },
        });
      } else if (item?.id) {
        const headers = { 'if-match': `"${item.version}"` };
        if (remove) await api(`/api/v1/events/${item.id}`, { method: 'DELETE', headers });
        else {
          await api(`/api/v1/events/${item.id}`, {
            method: 'PATCH',
            headers,
            body: { subject: title.trim(), startsAt: startsAt.toISOString(), endsAt: endsAt!.toISOString(), location: location || null, private: isPrivate, rrule },
          });
        }
      } else {
        await api('/api/v1/events', {
          method: 'POST',
          body: {
            kind: 'meeting',
            subject: title.trim(),
            startsAt: startsAt.toISOString(),
            endsAt: endsAt!.toISOString(),
            location: location || null,
            private: isPrivate,
            ownerId: owner ?? target.userId,
            ...(rrule ? { rrule } : {}),
          },
        });
      }
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setError(t('calendar.conflict'));
      else if (e instanceof ApiError && e.fieldErrors[0]) setError(`${e.message}: ${t(e.fieldErrors[0].message, { defaultValue: e.fieldErrors[0].message })}`);
      else setError(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  };

  const path = item?.kind === 'task' ? 'tasks' : 'events';
  return (
    <Modal opened onClose={onClose} title={item ? t('calendar.form.editTitle') : t('calendar.form.newTitle')} data-testid="calendar-form">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          {!item && (
            <SegmentedControl
              data-testid="calendar-form-kind"
              value={kind}
              onChange={(v) => setKind(v as 'event' | 'task')}
              data={[
                { value: 'event', label: t('calendar.form.kindEvent') },
                { value: 'task', label: t('calendar.form.kindTask') },
              ]}
            />
          )}
          <TextInput label={t('calendar.form.subject')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-autofocus data-testid="calendar-form-title" required />
          <Group grow>
            {kind === 'event' && (
              <TextInput type="datetime-local" label={t('calendar.form.start')} value={start} onChange={(e) => setStart(e.currentTarget.value)} data-testid="calendar-form-start" />
            )}
            <TextInput
              type="datetime-local"
              label={kind === 'task' ? t('calendar.form.due') : t('calendar.form.end')}
              value={end}
              onChange={(e) => setEnd(e.currentTarget.value)}
              data-testid="calendar-form-end"
            />
          </Group>
          {kind === 'task' && !item && (
            <MultiSelect
              label={t('calendar.form.assignees')}
              data={people}
              value={assignees}
              onChange={setAssignees}
              searchable
              data-testid="calendar-form-assignees"
            />
          )}
          {kind === 'event' && (
            <>
              {!item && <Select label={t('calendar.form.owner')} data={people} value={owner} onChange={setOwner} allowDeselect={false} searchable data-testid="calendar-form-owner" />}
              <TextInput label={t('calendar.form.location')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} />
              <Checkbox label={t('calendar.form.private')} checked={isPrivate} onChange={(e) => setPrivate(e.currentTarget.checked)} data-testid="calendar-form-private" />
              {!recurring && (
                <Select
                  label={t('calendar.form.repeat')}
                  data={REPEATS.map((r) => ({ value: r, label: t(`calendar.repeat.${r}`) }))}
                  value={repeat}
                  onChange={(v) => setRepeat((v as Repeat) ?? 'none')}
                  allowDeselect={false}
                  data-testid="calendar-form-repeat"
                />
              )}
              {repeat === 'custom' && !recurring && (
                <TextInput label={t('calendar.form.rule')} placeholder="FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10" value={rule} onChange={(e) => setRule(e.currentTarget.value)} data-testid="calendar-form-rule" />
              )}
              {recurring && (
                <Select
                  label={t('calendar.scope.question')}
                  data={(['this', 'following', 'series'] as const).map((s) => ({ value: s, label: t(`calendar.scope.${s}`) }))}
                  value={scope}
                  onChange={(v) => setScope((v as OccurrenceScope) ?? 'this')}
                  allowDeselect={false}
                  data-testid="calendar-form-scope"
                />
              )}
            </>
          )}
          {error && (
            <Alert color="red" data-testid="calendar-form-error">
              {error}
            </Alert>
          )}
          <Group justify="space-between">
            <Group gap="xs">
              {item?.id && (
                <Button variant="subtle" color="red" onClick={() => void save(true)} loading={saving} data-testid="calendar-form-delete">
                  {t('calendar.form.delete')}
                </Button>
              )}
              {item?.id && (
                <Button variant="subtle" component={Link} to={`/r/${path}/${item.id}`}>
                  {t('calendar.form.openRecord')}
                </Button>
              )}
            </Group>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('calendar.form.cancel')}
              </Button>
              <Button type="submit" loading={saving} data-testid="calendar-form-save">
                {t('calendar.form.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
