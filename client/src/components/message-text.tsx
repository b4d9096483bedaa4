import { Text } from '@mantine/core';
import { usePageI18n } from '../i18n/page-i18n';

/** Splits a message into what the writer wrote and the quoted earlier mail ("> …" lines and what follows "Am … schrieb"). */
export function splitQuoted(text: string): { own: string; quoted: string } {
  const lines = text.split('\n');
  const start = lines.findIndex(
    (line, index) =>
      /^\s*>/.test(line) ||
      (/^(Am|On) .+(schrieb|wrote).*:\s*$/.test(line) && lines.slice(index + 1).some((next) => /^\s*>/.test(next))),
  );
  if (start <= 0) return { own: text, quoted: start === 0 ? text : '' };
  return { own: lines.slice(0, start).join('\n').trimEnd(), quoted: lines.slice(start).join('\n') };
}

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
