import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { AnchorLink } from './anchor-link';
import { useI18n } from '../i18n/i18n';
import type { RouterOutputs } from '../lib/api-types';
import { ChannelLabel } from './channel-label';
import { MessageText } from './message-text';

export type TimelineItem = RouterOutputs['cases']['byReference']['timeline'][number];

interface Props {
  items: TimelineItem[];
  /** Show which case each entry belongs to (citizen-wide timelines). */
  showCase?: boolean;
  onRetry?: (interactionId: number) => void;
}

/** Contacts on every channel in one list. Internal notes look different from what the citizen saw or said. */
export function Timeline({ items, showCase = false, onRetry }: Props) {
  const { t, formatDateTime } = useI18n();
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((item) => {
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
              {internal ? <Badge color="yellow">{t('case.internal')}</Badge> : <Text size="sm">{t(`direction.${item.direction}`)}</Text>}
              <Text size="sm" c="dimmed">
                {formatDateTime(item.occurredAt)}
                {item.authorName ? ` · ${t('case.by', { name: item.authorName })}` : ''}
                {item.durationSeconds ? ` · ${t('case.duration', { minutes: t('common.minutes', { n: Math.max(1, Math.round(item.durationSeconds / 60)) }) })}` : ''}
              </Text>
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
            <MessageText text={item.text} />
          </Paper>
        );
      })}
    </Stack>
  );
}
