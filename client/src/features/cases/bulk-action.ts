import type { BULK_ACTION_KINDS, BulkAction } from '@anliegen/shared';
import { isIsoDay } from '../../components/ui/date-text';

/** The bulk bar's form: an action and the value chosen for it (as the fields give it: text). */
export interface BulkChoice {
  kind: (typeof BULK_ACTION_KINDS)[number];
  value: string;
}

/**
 * The action to send for the form's choice, or null while it is incomplete. "me" and "nobody" (assign) and "none"
 * (team) are the fields' words for the signed-in agent, no assignee and no team; an empty follow-up date clears it.
 */
export function bulkActionOf(choice: BulkChoice, meId: number): BulkAction | null {
  const { kind, value } = choice;
  const id = /^\d+$/.test(value) ? Number(value) : null;
  switch (kind) {
    case 'status':
      return value ? { kind, status: value as Extract<BulkAction, { kind: 'status' }>['status'] } : null;
    case 'assign':
      return value === 'me'
        ? { kind, assigneeId: meId }
        : value === 'nobody'
          ? { kind, assigneeId: null }
          : id !== null
            ? { kind, assigneeId: id }
            : null;
    case 'team':
      return value === 'none' ? { kind, teamId: null } : id !== null ? { kind, teamId: id } : null;
    case 'addTag':
      return value.trim() ? { kind, name: value.trim() } : null;
    case 'removeTag':
      return id !== null ? { kind, tagId: id } : null;
    case 'followUp':
      // A typed text that is no day yet (the field says why) sends nothing.
      return value === '' ? { kind, followUpOn: null } : isIsoDay(value) ? { kind, followUpOn: value } : null;
    case 'merge':
      return id !== null ? { kind, targetId: id } : null;
  }
}
