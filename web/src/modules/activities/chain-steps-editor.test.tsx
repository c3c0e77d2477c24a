// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import '../../app/i18n.ts';
import type { ListItemMeta } from '../../app/meta.ts';
import { ListEditor } from '../../records/list-editor.tsx';

afterEach(() => cleanup());

// the steps of a task chain template as /api/v1/meta describes them
const STEPS: ListItemMeta[] = [
  { name: 'title', type: 'string', required: true, max: 300 },
  { name: 'assignee', type: 'enum', required: true, values: ['user', 'previous', 'author'] },
  { name: 'assigneeId', type: 'reference', required: false, reference: 'user' },
  { name: 'offsetDays', type: 'integer', required: true },
  { name: 'workingDays', type: 'boolean', required: false },
];

function Harness({ initial, seen }: { initial: unknown; seen: unknown[] }) {
  const [value, setValue] = useState<unknown>(initial);
  const [client] = useState(() => {
    const c = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } } });
    // the people picker reads the users the server lists (no server here: the lists are given)
    c.setQueryData(['meta'], {
      entities: [{ name: 'user', resource: 'users', path: '/api/v1/users', displayField: 'name', fields: [{ name: 'name', type: 'string', searchable: true, sortable: true }] }],
    });
    // what the picker shows before anything is typed (no search)
    c.setQueryData(['options', 'users', ''], { data: [{ id: 'u-bela', name: 'Béla Kiss' }] });
    return c;
  });
  return (
    <QueryClientProvider client={client}>
      <MantineProvider>
        <ListEditor name="steps" label="Steps" items={STEPS} value={value} onChange={(v) => { seen.push(v); setValue(v); }} />
      </MantineProvider>
    </QueryClientProvider>
  );
}

describe('chain steps in the list editor', () => {
  it('edits working days with a checkbox and the person with a picker, not as text', () => {
    const seen: unknown[] = [];
    render(<Harness initial={[{ title: 'Sună', assignee: 'user', offsetDays: 1 }]} seen={seen} />);
    expect((screen.getByTestId('steps-0-assignee') as HTMLInputElement).value).toBe('A person');
    const box = screen.getByTestId('steps-0-workingDays') as HTMLInputElement;
    expect(box.type).toBe('checkbox');
    fireEvent.click(box);
    expect(seen.at(-1)).toEqual([{ title: 'Sună', assignee: 'user', offsetDays: 1, workingDays: true }]);
    fireEvent.click(box);
    // unticked: left out (the server takes a missing value as "calendar days")
    expect(seen.at(-1)).toEqual([{ title: 'Sună', assignee: 'user', offsetDays: 1 }]);
    const picker = screen.getByTestId('field-steps-0-assigneeId') as HTMLInputElement;
    expect(picker.getAttribute('aria-label')).toBe('Responsible 1');
    fireEvent.click(picker);
    fireEvent.click(screen.getByText('Béla Kiss'));
    expect(seen.at(-1)).toEqual([{ title: 'Sună', assignee: 'user', offsetDays: 1, assigneeId: 'u-bela' }]);
  });
});
