import { drawTable, newPdf, pdfBytes } from '../../platform/documents/pdf.ts';
import type { RecordRow } from '../../platform/records/descriptor.ts';
import type { DocKind } from './documents.entity.ts';
import type { Line } from './documents.service.ts';

type Lang = 'en' | 'ro' | 'pl' | 'hu' | 'uk';
type Labels = Record<'offer' | 'order' | 'no' | 'date' | 'validUntil' | 'seller' | 'buyer' | 'taxId' | 'item' | 'qty' | 'unit' | 'price' | 'disc' | 'vat' | 'net' | 'subtotal' | 'vatTotal' | 'total' | 'notes', string>;
const LABELS: Record<Lang, Labels> = {
  en: { offer: 'Offer', order: 'Order', no: 'No.', date: 'Date', validUntil: 'Valid until', seller: 'Supplier', buyer: 'Customer', taxId: 'Tax ID', item: 'Item', qty: 'Qty', unit: 'Unit', price: 'Unit price', disc: 'Disc. %', vat: 'VAT %', net: 'Net', subtotal: 'Subtotal', vatTotal: 'VAT', total: 'Total', notes: 'Notes' },
  ro: { offer: 'Ofertă', order: 'Comandă', no: 'Nr.', date: 'Data', validUntil: 'Valabilă până la', seller: 'Furnizor', buyer: 'Client', taxId: 'CUI', item: 'Denumire', qty: 'Cant.', unit: 'U.M.', price: 'Preț unitar', disc: 'Disc. %', vat: 'TVA %', net: 'Valoare', subtotal: 'Total fără TVA', vatTotal: 'TVA', total: 'Total de plată', notes: 'Mențiuni' },
  pl: { offer: 'Oferta', order: 'Zamówienie', no: 'Nr', date: 'Data', validUntil: 'Ważna do', seller: 'Dostawca', buyer: 'Nabywca', taxId: 'NIP', item: 'Nazwa', qty: 'Ilość', unit: 'J.m.', price: 'Cena jedn.', disc: 'Rabat %', vat: 'VAT %', net: 'Netto', subtotal: 'Razem netto', vatTotal: 'VAT', total: 'Razem brutto', notes: 'Uwagi' },
  hu: { offer: 'Árajánlat', order: 'Megrendelés', no: 'Sz.', date: 'Kelt', validUntil: 'Érvényes', seller: 'Szállító', buyer: 'Vevő', taxId: 'Adószám', item: 'Megnevezés', qty: 'Menny.', unit: 'Egység', price: 'Egységár', disc: 'Kedv. %', vat: 'ÁFA %', net: 'Nettó', subtotal: 'Nettó összesen', vatTotal: 'ÁFA', total: 'Bruttó összesen', notes: 'Megjegyzés' },
  uk: { offer: 'Комерційна пропозиція', order: 'Замовлення', no: '№', date: 'Дата', validUntil: 'Дійсна до', seller: 'Постачальник', buyer: 'Покупець', taxId: 'Код ЄДРПОУ', item: 'Найменування', qty: 'Кільк.', unit: 'Од.', price: 'Ціна', disc: 'Знижка %', vat: 'ПДВ %', net: 'Сума', subtotal: 'Разом без ПДВ', vatTotal: 'ПДВ', total: 'Всього до сплати', notes: 'Примітки' },
};
const TAGS: Record<Lang, string> = { en: 'en-GB', ro: 'ro-RO', pl: 'pl-PL', hu: 'hu-HU', uk: 'uk-UA' };

/** An offer or order as PDF in its language: numbers, dates and money formatted the reader's way. */
/** The mention a document across borders must carry, in its language. */
const VAT_NOTES: Record<Lang, Record<string, string>> = {
  en: { reverse_charge: 'Reverse charge: VAT to be accounted for by the customer', export: 'Export: 0 % VAT' },
  ro: { reverse_charge: 'Taxare inversă: TVA datorată de beneficiar', export: 'Export: TVA 0 %' },
  pl: { reverse_charge: 'Odwrotne obciążenie: VAT rozlicza nabywca', export: 'Eksport: VAT 0 %' },
  hu: { reverse_charge: 'Fordított adózás: az ÁFA-t a vevő fizeti', export: 'Export: 0 % ÁFA' },
  uk: { reverse_charge: 'Зворотне оподаткування: ПДВ сплачує покупець', export: 'Експорт: ПДВ 0 %' },
};

export async function documentPdf(
  kind: DocKind,
  doc: RecordRow,
  lines: Line[],
  partner: { name: string; taxId: string | null; street: string | null; city: string | null; postalCode: string | null; country: string | null },
  seller: string,
): Promise<Buffer> {
  const lang = (String(doc.language) in LABELS ? String(doc.language) : 'en') as Lang;
  const L = LABELS[lang];
  const tag = TAGS[lang];
  const num = (v: string, digits = 2) => new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, 4) }).format(Number(v));
  const money = (v: unknown) => new Intl.NumberFormat(tag, { style: 'currency', currency: String(doc.currency) }).format(Number(v ?? 0));
  const date = (v: unknown) => (v ? new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${String(v)}T00:00:00Z`)) : '');
  const pdf = newPdf({ title: `${L[kind]} ${String(doc.number)}`, author: seller });
  pdf.font('bold').fontSize(18).text(`${L[kind]} ${L.no} ${String(doc.number)}`);
  pdf.font('regular').fontSize(10).text(`${L.date}: ${date(doc.issueDate)}${kind === 'offer' && doc.validUntil ? ` · ${L.validUntil}: ${date(doc.validUntil)}` : ''}`);
  pdf.moveDown();
  const top = pdf.y;
  pdf.font('bold').text(L.seller, 48, top).font('regular').text(seller, 48);
  const buyer = [partner.name, partner.taxId ? `${L.taxId}: ${partner.taxId}` : '', partner.street ?? '', [partner.postalCode, partner.city, partner.country].filter(Boolean).join(' ')].filter(Boolean);
  pdf.font('bold').text(L.buyer, 300, top).font('regular');
  for (const line of buyer) pdf.text(line, 300);
  pdf.x = 48;
  pdf.moveDown(2);
  drawTable(
    pdf,
    [
      { header: '#', width: 22 },
      { header: L.item, width: 168 },
      { header: L.qty, width: 50, align: 'right' },
      { header: L.unit, width: 36 },
      { header: L.price, width: 66, align: 'right' },
      { header: L.disc, width: 42, align: 'right' },
      { header: L.vat, width: 36, align: 'right' },
      { header: L.net, width: 79, align: 'right' },
    ],
    lines.map((l, i) => [String(i + 1), l.description, num(l.quantity, 0), l.unit, num(l.unitPrice), num(l.discountPercent, 0), num(l.vatRate, 0), num(l.net)]),
  );
  pdf.moveDown();
  for (const [label, value, bold] of [
    [L.subtotal, doc.subtotal, false],
    [L.vatTotal, doc.vatTotal, false],
    [L.total, doc.total, true],
  ] as const) {
    pdf.font(bold ? 'bold' : 'regular').fontSize(bold ? 12 : 10).text(`${label}: ${money(value)}`, 48, pdf.y, { width: 499, align: 'right' });
  }
  const vatNote = VAT_NOTES[lang][String(doc.vatTreatment)];
  if (vatNote) pdf.moveDown(0.5).font('bold').fontSize(10).text(vatNote, 48, pdf.y, { width: 499, align: 'right' });
  if (doc.notes) {
    pdf.moveDown().font('bold').fontSize(10).text(L.notes, 48).font('regular').text(String(doc.notes), 48);
  }
  return pdfBytes(pdf);
}
