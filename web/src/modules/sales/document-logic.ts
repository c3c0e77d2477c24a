/** A line as the editor holds it: text inputs; empty price or VAT means "from the catalogue / the country". */
export interface DraftLine {
  productId?: string | null;
  description?: string;
  quantity: string;
  unit?: string;
  unitPrice?: string;
  discountPercent?: string;
  vatRate?: string;
}

export const emptyLine = (): DraftLine => ({ description: '', quantity: '1', unit: '', unitPrice: '', discountPercent: '0', vatRate: '' });

const DECIMAL = (scale: number) => new RegExp(`^\\d{1,14}([.,]\\d{1,${scale}})?$`);

/** Fields of each line that are not valid numbers (index → field names); the server checks again. */
export function lineErrors(lines: DraftLine[]): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  lines.forEach((l, i) => {
    const bad: string[] = [];
    if (!DECIMAL(4).test(l.quantity) || Number(l.quantity.replace(',', '.')) <= 0) bad.push('quantity');
    if (l.unitPrice && !DECIMAL(4).test(l.unitPrice)) bad.push('unitPrice');
    if (l.discountPercent && (!DECIMAL(2).test(l.discountPercent) || Number(l.discountPercent.replace(',', '.')) > 100)) bad.push('discountPercent');
    if (l.vatRate && (!DECIMAL(2).test(l.vatRate) || Number(l.vatRate.replace(',', '.')) >= 100)) bad.push('vatRate');
    if (!l.productId && !l.description?.trim()) bad.push('description');
    if (bad.length) out[i] = bad;
  });
  return out;
}

const num = (v: string | undefined) => (v ? v.replace(',', '.') : undefined);

/** The line as the API takes it: decimal commas become points, empty optional fields are left out. */
export function toLineInput(l: DraftLine) {
  return {
    ...(l.productId ? { productId: l.productId } : {}),
    ...(l.description?.trim() ? { description: l.description.trim() } : {}),
    quantity: num(l.quantity)!,
    ...(l.unit?.trim() ? { unit: l.unit.trim() } : {}),
    ...(l.unitPrice ? { unitPrice: num(l.unitPrice) } : {}),
    ...(l.discountPercent ? { discountPercent: num(l.discountPercent) } : {}),
    ...(l.vatRate ? { vatRate: num(l.vatRate) } : {}),
  };
}
