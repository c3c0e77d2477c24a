/** The rules behind the partner and contact actions, kept apart from the screens so they can be tested. */

export interface DuplicatePair {
  aId: string;
  aName: string;
  bId: string;
  bName: string;
  reason: 'taxId' | 'email' | 'name';
  similarity: number;
}

/** Only a business card (status lead) can be converted, and only by someone who may edit it. */
export function canConvert(record: Record<string, unknown>, canEdit: boolean): boolean {
  return canEdit && record.status === 'lead';
}

/** The merge call for a choice: the record kept receives the other one (POST /{resource}/{keepId}/merge). */
export function mergeRequest(keepId: string, aId: string, bId: string): { keepId: string; duplicateId: string } {
  if (keepId !== aId && keepId !== bId) throw new Error('The record kept must be one of the two');
  if (aId === bId) throw new Error('A record cannot be merged into itself');
  return { keepId, duplicateId: keepId === aId ? bId : aId };
}

/** The pairs still worth showing once a record went to the trash by a merge: none that name it. */
export function withoutMerged(pairs: DuplicatePair[], duplicateId: string): DuplicatePair[] {
  return pairs.filter((p) => p.aId !== duplicateId && p.bId !== duplicateId);
}

/** Similarity of names (0…1) as a whole percentage. */
export function similarityPercent(similarity: number): number {
  return Math.round(Math.min(1, Math.max(0, similarity)) * 100);
}

const comparable = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');

/**
 * Erasure asks for the person's name typed exactly (case and diacritics count, spaces do not):
 * a record without a name can never be confirmed by an empty field.
 */
export function erasureConfirmed(typed: string, name: string): boolean {
  const expected = comparable(name);
  return expected !== '' && comparable(typed) === expected;
}

/** File name of a person's data export: the name in any script (no separators), unique by the record's id. */
export function personalDataFileName(name: string, id: string): string {
  const slug = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `personal-data-${slug ? `${slug}-` : ''}${id.slice(0, 8)}.json`;
}
