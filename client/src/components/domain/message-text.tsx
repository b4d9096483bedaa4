import { Text } from '@mantine/core';
import { usePageI18n } from '../../i18n/page-i18n';
import { splitQuoted } from './quoted-text';

/** A message's text with line breaks kept; quoted earlier text folded away behind a disclosure. */
export function MessageText({ text }: { text: string }) {
  const { t } = usePageI18n();
  const { own, quoted } = splitQuoted(text);
  return (
    <>
      {own && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {own}
        </Text>
      )}
      {quoted && own && (
        <details>
          <summary>
            <Text size="sm" span c="dimmed">
              {t('case.quoted')}
            </Text>
          </summary>
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {quoted}
          </Text>
        </details>
      )}
    </>
  );
}
