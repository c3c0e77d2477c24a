/** A card on the board: what the kanban needs of an opportunity. */
export interface Card {
  id: string;
  version: number;
  name: string;
  stageId: string;
  partnerId: string | null;
  amount: string | null;
  currency: string | null;
  expectedClose: string | null;
}

export interface Column {
  id: string;
  name: string;
  position: number;
  probability: number;
  outcome: 'open' | 'won' | 'lost';
  requiredFields: string[];
  count: number;
  amounts: { currency: string | null; amount: string }[];
  items: Card[];
  nextCursor: string | null;
}

/**
 * The board after moving a card (shown at once, before the server answers): out of its column,
 * on top of the target, counts adjusted. The server's answer (or refusal) replaces it.
 */
export function moveCard(columns: Column[], cardId: string, toStageId: string): Column[] {
  const card = columns.flatMap((c) => c.items).find((i) => i.id === cardId);
  if (!card || card.stageId === toStageId) return columns;
  return columns.map((c) => {
    if (c.id === card.stageId) return { ...c, count: c.count - 1, items: c.items.filter((i) => i.id !== cardId) };
    if (c.id === toStageId) return { ...c, count: c.count + 1, items: [{ ...card, stageId: toStageId }, ...c.items] };
    return c;
  });
}

/** Fields a stage requires that the card (as far as the board knows) lacks. */
export function missingFor(column: Pick<Column, 'requiredFields'>, card: Partial<Record<string, unknown>>): string[] {
  return column.requiredFields.filter((f) => card[f] === undefined || card[f] === null || card[f] === '');
}

/** Bar widths of the funnel: each stage's share of the widest, at least a sliver when not empty. */
export function funnelWidths(values: number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? 0 : v === 0 ? 0 : Math.max(4, Math.round((v / max) * 100))));
}

/**
 * The board after loading the next page of a column: the new cards appended (none twice, should one
 * have moved in meanwhile) and the column's cursor moved on.
 */
export function appendPage(columns: Column[], stageId: string, page: { data: Card[]; nextCursor: string | null }): Column[] {
  return columns.map((c) => {
    if (c.id !== stageId) return c;
    const known = new Set(c.items.map((i) => i.id));
    return { ...c, items: [...c.items, ...page.data.filter((i) => !known.has(i.id))], nextCursor: page.nextCursor };
  });
}
