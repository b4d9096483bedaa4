import { ActionIcon, Anchor, Button, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { IconDotsVertical, IconPaperclip } from '@tabler/icons-react';
import { Children, type ReactNode, useState } from 'react';
import { AnchorLink } from '../ui/anchor-link';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { deliveryLabelKey, type MailStatus } from '../../lib/mail-state';
import { useMailStatus } from '../../lib/mail-status';
import { ChannelLabel } from './channel-label';
import { MailHtml } from './mail-html';
import { MessageText } from './message-text';
import { StatusBadge, WholeBadge } from './status-badge';
import classes from './timeline.module.css';

/** An entry of any timeline: in a citizen's history, entries of cases the agent may not open are stubs. */
export type TimelineItem = RouterOutputs['citizens']['timeline']['items'][number];
type RestrictedItem = Extract<TimelineItem, { restricted: true }>;
/** Long mail addresses, file names and subjects break inside the message rather than widen the page. */
const ANYWHERE = { overflowWrap: 'anywhere' } as const;

/** Another team's entry (CASE_ACCESS=team): that and when the citizen was in touch, and with whom; no content. */
function RestrictedEntry({ item }: { item: RestrictedItem }) {
  const { t, formatDateTime } = usePageI18n();
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      style={{ borderStyle: 'dashed' }}
      aria-label={`${t(`channels.${item.channel}`)}, ${t(`direction.${item.direction}`)}, ${formatDateTime(item.occurredAt)}, ${t('history.restricted', { team: item.teamName })}`}
    >
      <Group gap="xs" mb={4} wrap="wrap">
        <ChannelLabel channel={item.channel} />
        <Text size="sm">{t(`direction.${item.direction}`)}</Text>
        <Text size="sm" c="dimmed">
          {formatDateTime(item.occurredAt)}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {item.caseReference}
        </Text>
        <StatusBadge status={item.caseStatus} />
      </Group>
      <Text size="sm">{t('history.restricted', { team: item.teamName })}</Text>
    </Paper>
  );
}

/** What an agent can do with a mail someone else wrote into the case (the case page offers it). */
export interface OtherSenderActions {
  citizenName: string;
  onAddSender: (interactionId: number) => void;
  onSplit: (interactionId: number) => void;
  pending: boolean;
}

/** What an agent can do with one message of the case (the case page offers it): a menu on the message. */
export interface MessageActions {
  /** "In neuen Vorgang verschieben…": a citizen's message or an internal note (answers stay where they were given). */
  onMoveToNewCase: (item: FullItem) => void;
}

/** Whether a message may leave its case: the citizen's messages and internal notes, not the desk's split notes. */
function movable(item: FullItem): boolean {
  const splitNote = item.details?.splitTo !== undefined || item.details?.splitFrom !== undefined;
  return !splitNote && (item.direction === 'inbound' || item.direction === 'internal');
}

/** The menu on a message: a button that Tab reaches, arrow keys inside (Mantine's Menu). */
function MessageMenu({ item, actions }: { item: FullItem; actions: MessageActions }) {
  const { t, formatDateTime } = usePageI18n();
  return (
    // Without Mantine's focus placeholder (a focusable "presentation" element axe refuses inside a menu).
    <Menu position="bottom-end" withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          ml="auto"
          aria-label={`${t('case.messageActions')}: ${formatDateTime(item.occurredAt)}`}
        >
          <IconDotsVertical size={16} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => actions.onMoveToNewCase(item)}>{t('case.moveToNewCase')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The desk's note of a split: which case the message went to, or came from, as a link. */
function SplitBadge({ details }: { details: Record<string, string> }) {
  const { t } = usePageI18n();
  const reference = details.splitTo ?? details.splitFrom!;
  return (
    <Text size="sm" fw={600}>
      {t(details.splitTo ? 'case.splitTo' : 'case.splitFrom')}{' '}
      <AnchorLink to="/cases/$reference" params={{ reference }} size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
        {reference}
      </AnchorLink>
    </Text>
  );
}

/** The citizen's answer to the survey after the case (issue 18), shown as an entry at the time it was last given. */
export type TimelineFeedback = NonNullable<RouterOutputs['cases']['byReference']['survey']['answer']>;

/** The citizen's feedback: the answer, the rating and their comment, and how it came (who took it down). */
function FeedbackEntry({ feedback }: { feedback: TimelineFeedback }) {
  const { t, formatDateTime } = usePageI18n();
  const solved = feedback.solved ? t(`feedback.solved.${feedback.solved}`) : '–';
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      className={classes.feedback}
      aria-label={`${t('feedback.entry')}, ${formatDateTime(feedback.updatedAt)}`}
    >
      <Group gap="xs" mb={4} wrap="wrap">
        <WholeBadge color={feedback.solved === 'no' ? 'red' : feedback.solved === 'partly' ? 'yellow' : 'green'}>
          {t('feedback.entry')}
        </WholeBadge>
        <Text size="sm" c="dimmed">
          {formatDateTime(feedback.updatedAt)} ·{' '}
          {feedback.source === 'in_person' && feedback.recordedBy
            ? t('feedback.recordedBy', { name: feedback.recordedBy })
            : t(`feedback.source.${feedback.source}`)}
        </Text>
      </Group>
      <Text size="sm">
        {t('feedback.question')} <strong>{solved}</strong>
        {' · '}
        {feedback.rating === null ? t('feedback.noRatingGiven') : t('feedback.ratingOf', { n: feedback.rating })}
      </Text>
      {feedback.comment && <MessageText text={feedback.comment} />}
    </Paper>
  );
}

interface Props {
  items: TimelineItem[];
  /** The case's feedback (the case page), placed by its time among the entries in the list's order. */
  feedback?: TimelineFeedback | null;
  newestFirst?: boolean;
  /** Show which case each entry belongs to (citizen-wide timelines). */
  showCase?: boolean;
  onRetry?: (interactionId: number) => void;
  otherSenderActions?: OtherSenderActions;
  messageActions?: MessageActions;
}

type FullItem = Exclude<TimelineItem, { restricted: true }>;

/**
 * A mail from an address that is not the case's citizen's: said plainly, so nobody takes it for the citizen's own
 * words, with the two ways out (the address is the citizen's after all, or the mail is a matter of its own).
 */
function OtherSender({ item, actions }: { item: FullItem; actions?: OtherSenderActions | undefined }) {
  const { t } = usePageI18n();
  const sender = item.sender!;
  const who = sender.address ? (sender.name ? `${sender.name} <${sender.address}>` : sender.address) : (sender.name ?? '?');
  return (
    <Stack gap={4} mb={4}>
      <Text size="sm" fw={600} style={ANYWHERE}>
        {t('case.otherSender', { sender: who })}
      </Text>
      {actions && (
        <Group gap="xs">
          {sender.address && (
            <Button size="compact-xs" variant="default" disabled={actions.pending} onClick={() => actions.onAddSender(item.id)}>
              {t('case.addSenderToCitizen', { name: actions.citizenName })}
            </Button>
          )}
          <Button size="compact-xs" variant="default" disabled={actions.pending} onClick={() => actions.onSplit(item.id)}>
            {t('case.splitInteraction')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Whom an outgoing mail went to (issue 16): staff see the BCC too, which the mail itself does not show. */
function MailRecipients({ mail }: { mail: NonNullable<FullItem['mail']> }) {
  const { t } = usePageI18n();
  return (
    <Text size="xs" c="dimmed" mb={4} style={ANYWHERE}>
      {[
        mail.to ? t('mail.to', { to: mail.to }) : null,
        mail.cc.length > 0 ? t('mail.cc', { cc: mail.cc.join(', ') }) : null,
        mail.bcc.length > 0 ? t('mail.bcc', { bcc: mail.bcc.join(', ') }) : null,
      ]
        .filter(Boolean)
        .join(' · ')}
    </Text>
  );
}

/** A mail's delivery state; one that waits while outgoing mail is not set up says so, not "wird gesendet". */
function DeliveryBadge({ status, mail }: { status: string; mail: MailStatus | undefined }) {
  const { t } = usePageI18n();
  const key = deliveryLabelKey(status, mail);
  const color = status === 'failed' ? 'red' : status === 'sent' ? 'green' : key === 'delivery.notConfigured' ? 'orange' : 'gray';
  return <WholeBadge color={color}>{t(key)}</WholeBadge>;
}

/** Contacts on every channel in one list. Internal notes look different from what the citizen saw or said. */
export function Timeline({
  items,
  feedback,
  newestFirst = false,
  showCase = false,
  onRetry,
  otherSenderActions,
  messageActions,
}: Props) {
  const { t, formatDateTime, formatNumber } = usePageI18n();
  const [shownAsHtml, setShownAsHtml] = useState<ReadonlySet<number>>(new Set());
  // Whether a queued mail can leave at all: asked only when a mail waits.
  const mailStatus = useMailStatus(
    items.some((item) => !item.restricted && (item.deliveryStatus === 'pending' || item.deliveryStatus === 'sending')),
  ).data;
  const toggleHtml = (id: number) => {
    const next = new Set(shownAsHtml);
    if (!next.delete(id)) next.add(id);
    setShownAsHtml(next);
  };
  return (
    <EntryList items={items} feedback={feedback} newestFirst={newestFirst}>
      {items.map((item) => {
        if (item.restricted) return <RestrictedEntry key={item.id} item={item} />;
        const internal = item.direction === 'internal';
        return (
          <Paper
            key={item.id}
            component="li"
            withBorder
            p="sm"
            className={internal ? classes.internal : undefined}
            aria-label={`${t(`channels.${item.channel}`)}, ${t(`direction.${item.direction}`)}, ${formatDateTime(item.occurredAt)}`}
          >
            <Group gap="xs" mb={4} wrap="wrap">
              <ChannelLabel channel={item.channel} />
              {internal ? (
                <WholeBadge color="yellow">{t('case.internal')}</WholeBadge>
              ) : (
                <Text size="sm">{t(`direction.${item.direction}`)}</Text>
              )}
              <Text size="sm" c="dimmed">
                {formatDateTime(item.occurredAt)}
                {item.authorName ? ` · ${t('case.by', { name: item.authorName })}` : ''}
                {item.durationSeconds
                  ? ` · ${t('case.duration', { minutes: t('common.minutes', { n: Math.max(1, Math.round(item.durationSeconds / 60)) }) })}`
                  : ''}
              </Text>
              {item.sender?.otherSender && <WholeBadge color="orange">{t('case.otherSenderBadge')}</WholeBadge>}
              {item.sender?.external && <WholeBadge color="grape">{t('mail.externalBadge')}</WholeBadge>}
              {item.mail?.forward && <WholeBadge color="grape">{t('mail.forwardBadge')}</WholeBadge>}
              {item.mail?.withoutContent && <WholeBadge color="blue">{t('mail.withoutContentBadge')}</WholeBadge>}
              {item.machine && <WholeBadge color="gray">{t(`case.machine.${item.machine}`)}</WholeBadge>}
              {item.details?.reassignedTo !== undefined && (
                <WholeBadge color="gray">
                  {item.details.reassignedTo
                    ? t('case.reassignedTo', { name: item.details.reassignedTo })
                    : t('case.reassignedToQueue')}
                </WholeBadge>
              )}
              {showCase && (
                <AnchorLink
                  to="/cases/$reference"
                  params={{ reference: item.caseReference }}
                  size="sm"
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {item.caseReference}
                </AnchorLink>
              )}
              {item.deliveryStatus && <DeliveryBadge status={item.deliveryStatus} mail={mailStatus} />}
              {item.deliveryStatus === 'failed' && onRetry && (
                <Button size="compact-xs" variant="default" onClick={() => onRetry(item.id)}>
                  {t('case.retry')}
                </Button>
              )}
              {messageActions && movable(item) && <MessageMenu item={item} actions={messageActions} />}
            </Group>
            {item.details && (item.details.splitTo || item.details.splitFrom) && <SplitBadge details={item.details} />}
            {item.sender?.otherSender && <OtherSender item={item} actions={otherSenderActions} />}
            {item.sender?.external && (
              <Text size="sm" fw={600} style={ANYWHERE}>
                {t('mail.externalAnswer', { sender: item.sender.address ?? item.sender.name ?? '?' })}
              </Text>
            )}
            {item.mail && <MailRecipients mail={item.mail} />}
            {item.subject && (
              <Text size="sm" fw={600} style={ANYWHERE}>
                {item.subject}
              </Text>
            )}
            {shownAsHtml.has(item.id) && item.html ? (
              // Sanitised on arrival and when sent (sanitize-mail-html.ts); the sandboxed frame and its CSP guard again.
              <MailHtml html={item.html} attachmentIds={item.attachments.map((file) => file.id)} />
            ) : (
              <MessageText text={item.text} />
            )}
            {item.html && (
              <Button
                size="compact-xs"
                variant="subtle"
                mt={4}
                onClick={() => toggleHtml(item.id)}
                aria-pressed={shownAsHtml.has(item.id)}
              >
                {shownAsHtml.has(item.id) ? t('case.showText') : t('case.showHtml')}
              </Button>
            )}
            {item.attachments.length > 0 && (
              <Group gap="xs" mt={4} aria-label={t('case.attachments')}>
                <IconPaperclip size={14} aria-hidden />
                {item.attachments.map((file) => (
                  <Anchor key={file.id} href={`/attachments/${file.id}`} size="sm" download={file.filename} style={ANYWHERE}>
                    {file.filename} ({t('common.kilobytes', { n: formatNumber(Math.max(1, Math.round(file.sizeBytes / 1024))) })})
                  </Anchor>
                ))}
              </Group>
            )}
            {item.hasSource && (
              <Anchor href={`/mail-source/${item.id}`} size="sm" mt={4} display="inline-block">
                {t('case.mailSource')}
              </Anchor>
            )}
          </Paper>
        );
      })}
    </EntryList>
  );
}

/** The list of entries (one per item, in the items' order), with the feedback's among them at its time. */
function EntryList({
  items,
  feedback,
  newestFirst,
  children,
}: {
  items: readonly TimelineItem[];
  feedback: TimelineFeedback | null | undefined;
  newestFirst: boolean;
  children: ReactNode;
}) {
  const entries = Children.toArray(children);
  const at = feedback
    ? items.filter((item) => (newestFirst ? item.occurredAt > feedback.updatedAt : item.occurredAt <= feedback.updatedAt)).length
    : 0;
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {feedback ? [...entries.slice(0, at), <FeedbackEntry key="feedback" feedback={feedback} />, ...entries.slice(at)] : entries}
    </Stack>
  );
}
