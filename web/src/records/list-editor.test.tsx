// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import '../app/i18n.ts';
import type { ListItemMeta } from '../app/meta.ts';
import { cleanEntry, KeyValueEditor, ListEditor, pairsOf } from './list-editor.tsx';

afterEach(() => cleanup());

const ITEMS: ListItemMeta[] = [
  { name: 'type', type: 'enum', required: true, values: ['legal', 'delivery'] },
  { name: 'city', type: 'string', required: false, max: 100 },
  { name: 'year', type: 'integer', required: false },
];

function Harness({ initial, seen, errors }: { initial: unknown; seen: unknown[]; errors?: Record<string, string> }) {
  const [value, setValue] = useState<unknown>(initial);
  return (
    <MantineProvider>
      <ListEditor name="addresses" label="Addresses" items={ITEMS} value={value} errors={errors}
        onChange={(v) => { seen.push(v); setValue(v); }} />
    </MantineProvider>
  );
}

describe('list editor for entries inside a record', () => {
  it('shows one row per entry with labelled values, edits a cell, adds and removes entries', () => {
    const seen: unknown[] = [];
    render(<Harness initial={[{ type: 'delivery', city: 'Ploiești' }]} seen={seen} />);
    expect((screen.getByTestId('addresses-0-city') as HTMLInputElement).value).toBe('Ploiești');
    expect((screen.getByTestId('addresses-0-type') as HTMLInputElement).value).toBe('Delivery');
    fireEvent.change(screen.getByTestId('addresses-0-city'), { target: { value: 'Brașov' } });
    expect(seen.at(-1)).toEqual([{ type: 'delivery', city: 'Brașov' }]);
    fireEvent.click(screen.getByTestId('addresses-add'));
    expect(screen.getByTestId('addresses-1-city')).toBeTruthy();
    // an emptied text is left out, not sent as ""
    fireEvent.change(screen.getByTestId('addresses-0-city'), { target: { value: '' } });
    expect(seen.at(-1)).toEqual([{ type: 'delivery' }, {}]);
    fireEvent.click(screen.getByTestId('addresses-1-remove'));
    fireEvent.click(screen.getByTestId('addresses-0-remove'));
    expect(seen.at(-1)).toBeNull();
    expect(screen.queryByTestId('addresses-0-city')).toBeNull();
  });

  it("shows the server's error on the cell it belongs to", () => {
    render(<Harness initial={[{ type: 'legal' }, { type: 'legal', city: 'x' }]} seen={[]} errors={{ 'addresses.1.city': 'Too short' }} />);
    expect(screen.getByText('Too short')).toBeTruthy();
  });

  it('drops empty values of an entry', () => {
    expect(cleanEntry({ a: '', b: null, c: undefined, d: 0, e: 'x' })).toEqual({ d: 0, e: 'x' });
  });
});

function Named({ initial, seen }: { initial: unknown; seen: unknown[] }) {
  const [value, setValue] = useState<unknown>(initial);
  return (
    <MantineProvider>
      <KeyValueEditor name="characteristics" label="Characteristics" value={value} onChange={(v) => { seen.push(v); setValue(v); }} />
    </MantineProvider>
  );
}

describe('named values editor', () => {
  it('edits names and values as rows, adds and removes them', () => {
    const seen: unknown[] = [];
    render(<Named initial={{ dimensiuni: '240×115×63 mm' }} seen={seen} />);
    expect((screen.getByTestId('characteristics-0-key') as HTMLInputElement).value).toBe('dimensiuni');
    fireEvent.click(screen.getByTestId('characteristics-add'));
    fireEvent.change(screen.getByTestId('characteristics-1-key'), { target: { value: 'culoare' } });
    fireEvent.change(screen.getByTestId('characteristics-1-value'), { target: { value: 'roșu' } });
    expect(seen.at(-1)).toEqual({ dimensiuni: '240×115×63 mm', culoare: 'roșu' });
    fireEvent.click(screen.getByTestId('characteristics-0-remove'));
    fireEvent.click(screen.getByTestId('characteristics-0-remove'));
    expect(seen.at(-1)).toBeNull();
  });

  it('reads any object, showing values that are not text as text', () => {
    expect(pairsOf({ a: 'x', b: 2 })).toEqual([['a', 'x'], ['b', '2']]);
    expect(pairsOf(null)).toEqual([]);
    expect(pairsOf(['a'])).toEqual([]);
  });
});
