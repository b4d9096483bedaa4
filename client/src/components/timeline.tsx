import { Anchor, Badge, Button, Group, Paper, Stack, Text, Typography } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { AnchorLink } from './anchor-link';
import { usePageI18n } from '../i18n/page-i18n';
import type { RouterOutputs } from '../lib/api-types';
import { ChannelLabel } from './channel-label';
import { MessageText } from './message-text';
import { StatusBadge } from './status-badge';

/** An entry of any timeline: in a citizen's history, entries of cases the agent may not open are stubs. */
export type TimelineItem = RouterOutputs['citizens']['timeline']['items'][number];
type RestrictedItem = Extract<TimelineItem, { restricted: true }>;

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
        <Text size="sm">{item.caseReference}</Text>
        <StatusBadge status={item.caseStatus} />
      </Group>
      <Text size="sm">{t('history.restricted', { team: item.teamName })}</Text>
    </Paper>
  );
}

interface Props {
  items: TimelineItem[];
  /** Show which case each entry belongs to (citizen-wide timelines). */
  showCase?: boolean;
  onRetry?: (interactionId: number) => void;
}

/** Contacts on every channel in one list. Internal notes look different from what the citizen saw or said. */
export function Timeline({ items, showCase = false, onRetry }: Props) {
  const { t, formatDateTime } = usePageI18n();
  const [shownAsHtml, setShownAsHtml] = useState<ReadonlySet<number>>(new Set());
  const toggleHtml = (id: number) => {
    const next = new Set(shownAsHtml);
    if (!next.delete(id)) next.add(id);
    setShownAsHtml(next);
  };
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((item) => {
        if (item.restricted) return <RestrictedEntry key={item.id} item={item} />;
        const internal = item.direction === 'internal';
        return (
          <Paper
            key={item.id}
            component="li"
            withBorder
            p="sm"
            bg={internal ? 'var(--mantine-color-yellow-light)' : undefined}
            aria-label={`${t(`channels.${item.channel}`)}, ${t(`direction.${item.direction}`)}, ${formatDateTime(item.occurredAt)}`}
          >
            <Group gap="xs" mb={4} wrap="wrap">
              <ChannelLabel channel={item.channel} />
              {internal ? (
                <Badge color="yellow">{t('case.internal')}</Badge>
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
              {item.details?.reassignedTo !== undefined && (
                <Badge variant="outline" color="dark">
                  {item.details.reassignedTo
                    ? t('case.reassignedTo', { name: item.details.reassignedTo })
                    : t('case.reassignedToQueue')}
                </Badge>
              )}
              {showCase && (
                <AnchorLink to="/cases/$reference" params={{ reference: item.caseReference }} size="sm">
                  {item.caseReference}
                </AnchorLink>
              )}
              {item.deliveryStatus && (
                <Badge color={item.deliveryStatus === 'failed' ? 'red' : item.deliveryStatus === 'sent' ? 'green' : 'gray'}>
                  {t(`delivery.${item.deliveryStatus as 'pending' | 'sending' | 'sent' | 'failed'}`)}
                </Badge>
              )}
              {item.deliveryStatus === 'failed' && onRetry && (
                <Button size="compact-xs" variant="default" onClick={() => onRetry(item.id)}>
                  {t('case.retry')}
                </Button>
              )}
            </Group>
            {item.subject && (
              <Text size="sm" fw={600}>
                {item.subject}
              </Text>
            )}
            {shownAsHtml.has(item.id) && item.html ? (
              // Sanitised on arrival (no scripts, no remote images, no tracking pixels); the CSP is a second guard.
              <Typography>
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side with an allowlist (sanitize-mail-html.ts) */}
                <div dangerouslySetInnerHTML={{ __html: item.html }} />
              </Typography>
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
                  <Anchor key={file.id} href={`/attachments/${file.id}`} size="sm" download={file.filename}>
                    {file.filename} ({t('common.kilobytes', { n: Math.max(1, Math.round(file.sizeBytes / 1024)) })})
                  </Anchor>
                ))}
              </Group>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
