import { Group, List, Text } from '@mantine/core';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { AnchorLink } from '../ui/anchor-link';
import { StatusBadge } from './status-badge';

type Contact = RouterOutputs['citizens']['byId']['citizen']['contacts'][number];
type CitizenCase = RouterOutputs['citizens']['panel']['cases'][number];
/** A case reference (A-2026-000123) is one word: never broken at its hyphens. */
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

/** A citizen's emails, phone numbers and addresses, each with its kind said in words. */
export function ContactList({ contacts }: { contacts: Contact[] }) {
  const { t } = usePageI18n();
  if (contacts.length === 0) return <Text size="sm">{t('panel.noContacts')}</Text>;
  return (
    <List size="sm" spacing={4} listStyleType="none" p={0}>
      {contacts.map((contact) => (
        <List.Item key={contact.id}>
          <Text size="sm" span c="dimmed">
            {t(`contactKind.${contact.kind}`)}:{' '}
          </Text>
          <Text size="sm" span style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {contact.display}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/**
 * A citizen's cases, open ones first (the server's order), the current one marked. Cases of other teams that the
 * agent may not open (CASE_ACCESS=team) show reference, status and team instead of a link and the subject.
 */
export function CitizenCaseList({ cases, currentId }: { cases: CitizenCase[]; currentId?: number }) {
  const { t, formatDate } = usePageI18n();
  return (
    <List size="sm" spacing={6} listStyleType="none" p={0}>
      {cases.map((item) => (
        <List.Item key={item.id}>
          <Group gap={6} wrap="wrap">
            {item.id === currentId ? (
              <Text size="sm" fw={600}>
                <span style={NO_WRAP}>{item.reference}</span> ({t('panel.current')})
              </Text>
            ) : item.restricted ? (
              <Text size="sm" fw={600} style={NO_WRAP}>
                {item.reference}
              </Text>
            ) : (
              <AnchorLink to="/cases/$reference" params={{ reference: item.reference }} size="sm" fw={600} style={NO_WRAP}>
                {item.reference}
              </AnchorLink>
            )}
            <StatusBadge status={item.status} />
          </Group>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {item.restricted ? t('history.restricted', { team: item.teamName }) : item.subject}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDate(item.updatedAt)}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
