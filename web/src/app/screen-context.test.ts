import { describe, expect, it } from 'vitest';
import { getScreenRecord, setScreenRecord } from './screen-context.ts';

describe('screen context', () => {
  it('holds the record on screen until it is cleared', () => {
    expect(getScreenRecord()).toBeNull();
    setScreenRecord({ entity: 'partner', id: 'p1', title: 'Łódź Sp. z o.o.' });
    expect(getScreenRecord()).toEqual({ entity: 'partner', id: 'p1', title: 'Łódź Sp. z o.o.' });
    setScreenRecord(null);
    expect(getScreenRecord()).toBeNull();
  });
});
