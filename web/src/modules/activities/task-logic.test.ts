import { describe, expect, it } from 'vitest';
import { aboutValues } from '../../records/about.ts';
import { statusColor, taskRowColor } from './task-logic.ts';

describe('task list colours and quick-action context', () => {
  it('colours overdue rows red and leaves others alone', () => {
    expect(taskRowColor({ status: 'overdue' })).toContain('red');
    expect(taskRowColor({ status: 'open' })).toBeUndefined();
    expect(statusColor('in_progress')).toBe('blue');
  });

  it('pre-fills the reference the context names, when the form has it', () => {
    const id = '0190f3c2-1111-7000-8000-000000000001';
    expect(aboutValues(`partner:${id}`, ['title', 'partnerId', 'contactId'])).toEqual({ partnerId: id });
    expect(aboutValues(`contact:${id}`, ['title', 'partnerId', 'contactId'])).toEqual({ contactId: id });
    expect(aboutValues(`offer:${id}`, ['title', 'partnerId'])).toEqual({});
    expect(aboutValues('partner:not-an-id', ['partnerId'])).toEqual({});
    expect(aboutValues(null, ['partnerId'])).toEqual({});
  });
});
