import { Button, Group, Text } from '@mantine/core';
import { IconEye, IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { useAnnouncePresence } from '../../lib/live';
import { trpc } from '../../lib/trpc';

type TimelineItem = RouterOutputs['cases']['byReference']['timeline'][number];

/**
 * Who else is on this case right now, and whether they are writing a reply. Shown in the page's live update bar (a
 * polite status region at the bottom), where someone coming or going moves nothing on the page.
 */
export function CasePresence({ caseId, myId }: { caseId: number; myId: number }) {
  const { t } = usePageI18n();
  const others = (useQuery(trpc.live.presence.queryOptions({ caseId })).data ?? []).filter((p) => p.userId !== myId);
  if (others.length === 0) return null;
  return (
    <Group gap="md">
      {others.map((person) => (
        <Group key={person.userId} gap={4} wrap="nowrap">
          {person.state === 'replying' ? <IconPencil size={16} aria-hidden /> : <IconEye size={16} aria-hidden />}
          <Text size="sm">{t(`case.presence.${person.state}`, { name: person.name })}</Text>
        </Group>
      ))}
    </Group>
  );
}

/**
 * Wraps the reply box: while the agent is in it, the others see "replying"; when someone else adds to the case
 * after the agent started, a warning says so before the agent sends, in the page's live update bar (`notices`): above
 * the reply box it pushed the text the agent was typing in down (issue 24).
 */
export function ReplyGuard({
  caseId,
  myName,
  timeline,
  notices,
  children,
}: {
  caseId: number;
  myName: string;
  timeline: TimelineItem[];
  /** Where the warning goes (the live update bar's slot); none until it is there. */
  notices: HTMLElement | null;
  children: ReactNode;
}) {
  const { t } = usePageI18n();
  const [replying, setReplying] = useState(false);
  // The newest entry the agent had seen when they started writing.
  const [seenUpTo, setSeenUpTo] = useState<number | null>(null);
  useAnnouncePresence(caseId, replying ? 'replying' : 'viewing');
  const newest = timeline.reduce((max, item) => Math.max(max, item.id), 0);
  const newer = seenUpTo === null ? [] : timeline.filter((item) => item.id > seenUpTo);
  const mine = newer.some((item) => item.authorName === myName);
  const byOthers = newer.filter((item) => item.authorName !== myName);
  // The agent's own message arrived: what they wrote is sent, the next draft starts fresh.
  useEffect(() => {
    if (mine) setSeenUpTo(null);
  }, [mine]);

  // Focus anywhere in the reply box means writing; leaving it (not just moving inside it) means reading again.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const enter = () => {
      setReplying(true);
      setSeenUpTo((seen) => seen ?? newestRef.current);
    };
    const leave = (event: FocusEvent) => {
      if (!element.contains(event.relatedTarget as Node | null)) setReplying(false);
    };
    element.addEventListener('focusin', enter);
    element.addEventListener('focusout', leave);
    return () => {
      element.removeEventListener('focusin', enter);
      element.removeEventListener('focusout', leave);
    };
  }, []);
  const newestRef = useRef(newest);
  newestRef.current = newest;

  return (
    <div ref={box}>
      {byOthers.length > 0 &&
        !mine &&
        notices &&
        createPortal(
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm">
              <Text span fw={700} size="sm">
                {t('case.changedMeanwhile')}:
              </Text>{' '}
              {t('case.changedMeanwhile.detail', {
                names: [...new Set(byOthers.map((item) => item.authorName ?? t('case.changedMeanwhile.citizen')))].join(', '),
              })}
            </Text>
            <Button size="compact-sm" variant="default" onClick={() => setSeenUpTo(newest)}>
              {t('case.changedMeanwhile.seen')}
            </Button>
          </Group>,
          notices,
        )}
      {children}
    </div>
  );
}
