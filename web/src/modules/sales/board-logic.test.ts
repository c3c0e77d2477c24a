import { describe, expect, it } from 'vitest';
import { appendPage, type Column, funnelWidths, missingFor, moveCard } from './board-logic.ts';

const column = (id: string, items: string[]): Column => ({
  id,
  name: id,
  position: 0,
  probability: 0,
  outcome: 'open',
  requiredFields: [],
  count: items.length,
  amounts: [],
  nextCursor: null,
  items: items.map((name) => ({ id: name, version: 1, name, stageId: id, partnerId: null, amount: null, currency: null, expectedClose: null })),
});

describe('kanban board', () => {
  it('moves a card to the top of another column and adjusts the counts', () => {
    const next = moveCard([column('a', ['x', 'y']), column('b', ['z'])], 'y', 'b');
    expect(next.map((c) => [c.id, c.count, c.items.map((i) => i.name)])).toEqual([
      ['a', 1, ['x']],
      ['b', 2, ['y', 'z']],
    ]);
    expect(next[1]!.items[0]!.stageId).toBe('b');
  });

  it('leaves the board alone for a drop on the same column or an unknown card', () => {
    const board = [column('a', ['x'])];
    expect(moveCard(board, 'x', 'a')).toBe(board);
    expect(moveCard(board, 'nope', 'a')).toBe(board);
  });

  it('names the fields a stage requires that are empty', () => {
    expect(missingFor({ requiredFields: ['partnerId', 'amount'] }, { partnerId: 'p', amount: '' })).toEqual(['amount']);
  });

  it('draws funnel bars relative to the widest stage', () => {
    expect(funnelWidths([10, 5, 0, 1])).toEqual([100, 50, 0, 10]);
    expect(funnelWidths([0, 0])).toEqual([0, 0]);
    expect(funnelWidths([200, 1])).toEqual([100, 4]);
  });
});

describe('paging inside a board column', () => {
  it('appends the next cards of one column once each and moves its cursor on', () => {
    const board = [{ ...column('offer', ['a', 'b']), count: 5, nextCursor: 'c1' }, column('sale', ['x'])];
    const next = column('offer', ['b', 'c', 'd']).items;
    const after = appendPage(board, 'offer', { data: next, nextCursor: 'c2' });
    expect(after[0]!.items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(after[0]!.nextCursor).toBe('c2');
    expect(after[0]!.count).toBe(5);
    expect(after[1]).toBe(board[1]);
    expect(appendPage(after, 'offer', { data: [], nextCursor: null })[0]!.nextCursor).toBeNull();
  });
});
