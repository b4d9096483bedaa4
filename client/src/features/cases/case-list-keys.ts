import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { rememberedCaseList } from '../../components/domain/case-list-order';
import { useShortcut } from '../../components/ui/use-shortcut';
import { queryClient, trpc } from '../../lib/trpc';
import { adjacentCase, listToFollow } from './case-neighbours';

/** As many of the agent's own cases as one page of the inbox holds. */
const MINE_LIMIT = 200;

/**
 * j and k on a case: the next and the previous case of the list it was opened from (inbox, saved view, search
 * results), or of the agent's own cases when it was opened otherwise. Gives what to say when the list ends there.
 */
export function useCaseListKeys(reference: string): 'case.noNextCase' | 'case.noPreviousCase' | null {
  const navigate = useNavigate();
  const [notice, setNotice] = useState<{ reference: string; step: 1 | -1 } | null>(null);
  const go = async (step: 1 | -1) => {
    const remembered = rememberedCaseList();
    const order =
      remembered && listToFollow(remembered, reference) === 'remembered'
        ? remembered
        : (await queryClient.fetchQuery(trpc.cases.list.queryOptions({ view: 'mine', limit: MINE_LIMIT }))).items.map(
            (item) => item.reference,
          );
    const next = adjacentCase(order, reference, step);
    if (next) void navigate({ to: '/cases/$reference', params: { reference: next } });
    else setNotice({ reference, step });
  };
  useShortcut('caseNext', () => void go(1));
  useShortcut('casePrevious', () => void go(-1));
  // Said on the case it was pressed on only.
  if (notice?.reference !== reference) return null;
  return notice.step === 1 ? 'case.noNextCase' : 'case.noPreviousCase';
}
