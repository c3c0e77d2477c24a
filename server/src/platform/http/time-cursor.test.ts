import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { decodeTimeCursor, timePage } from './time-cursor.ts';

describe('time keyset cursors', () => {
  const rows = [3, 2, 1].map((n) => ({ id: `00000000-0000-7000-8000-00000000000${n}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0)) }));

  it('pages rows that share a timestamp and round-trips the cursor', () => {
    const first = timePage(rows, 2);
    expect(first.data).toHaveLength(2);
    expect(decodeTimeCursor(first.nextCursor!)).toEqual(['2026-01-01T00:00:00.000Z', rows[1]!.id]);
    expect(timePage(rows, 3).nextCursor).toBeNull();
  });

  it('refuses a tampered cursor with a validation error', () => {
    expect(() => decodeTimeCursor('not-a-cursor')).toThrow(AppError);
    try {
      decodeTimeCursor(Buffer.from('["yesterday","x"]').toString('base64url'));
      expect.unreachable('a cursor with a bad date was accepted');
    } catch (error) {
      expect((error as AppError).errors).toEqual([{ path: 'cursor', message: 'Invalid cursor' }]);
    }
  });
});
