import { bulkUpdateInput } from '@anliegen/shared';
import { describe, expect, it } from 'vitest';
import { bulkActionOf } from './bulk-action';

describe('the bulk bar form', () => {
  it('makes the action the server takes, or nothing while incomplete', () => {
    expect(bulkActionOf({ kind: 'status', value: '' }, 4)).toBeNull();
    expect(bulkActionOf({ kind: 'status', value: 'resolved' }, 4)).toEqual({ kind: 'status', status: 'resolved' });
    expect(bulkActionOf({ kind: 'assign', value: 'me' }, 4)).toEqual({ kind: 'assign', assigneeId: 4 });
    expect(bulkActionOf({ kind: 'assign', value: 'nobody' }, 4)).toEqual({ kind: 'assign', assigneeId: null });
    expect(bulkActionOf({ kind: 'assign', value: '9' }, 4)).toEqual({ kind: 'assign', assigneeId: 9 });
    expect(bulkActionOf({ kind: 'team', value: 'none' }, 4)).toEqual({ kind: 'team', teamId: null });
    expect(bulkActionOf({ kind: 'addTag', value: '  Eilt ' }, 4)).toEqual({ kind: 'addTag', name: 'Eilt' });
    expect(bulkActionOf({ kind: 'followUp', value: '' }, 4)).toEqual({ kind: 'followUp', followUpOn: null });
    // A typed text that is no day yet (the date field says why) sends nothing, rather than clearing the date.
    expect(bulkActionOf({ kind: 'followUp', value: '31.02.2027' }, 4)).toBeNull();
    expect(bulkActionOf({ kind: 'merge', value: '' }, 4)).toBeNull();
  });

  it('only makes actions the server accepts', () => {
    for (const [kind, value] of [
      ['status', 'open'],
      ['assign', '3'],
      ['team', '2'],
      ['addTag', 'Akte fehlt'],
      ['removeTag', '5'],
      ['followUp', '2027-01-15'],
      ['merge', '1'],
    ] as const) {
      const action = bulkActionOf({ kind, value }, 4)!;
      expect(bulkUpdateInput.safeParse({ ids: [1, 2], action }).success, kind).toBe(true);
    }
  });
});
