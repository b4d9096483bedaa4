import { addInteractionInput } from '@anliegen/shared';
import { Alert, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type Minutes, toSeconds } from '../../components/ui/duration';
import { DurationInput } from '../../components/ui/duration-input';
import { ErrorAlert } from '../../components/ui/error-alert';
import { useShortcut } from '../../components/ui/use-shortcut';
import { usePageI18n } from '../../i18n/page-i18n';
import { fieldErrorsOf, type FieldErrors } from '../../lib/validate';
import { CannedResponsePicker, type CasePlaceholderValues } from './canned-response-picker';
import { appendToDraft } from './draft-text';
import { useAddInteraction } from './api/case-mutations';

type Kind = 'reply' | 'note' | 'phone' | 'counter';
interface Draft {
  kind: Kind;
  text: string;
  minutes: Minutes;
}

const draftKey = (caseId: number) => `anliegen.draft.${caseId}`;

function loadDraft(caseId: number): Draft | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(draftKey(caseId)) ?? 'null') as Draft | null;
    return parsed && typeof parsed.text === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Answer the citizen, note something internally, or record a call or visit. Never loses a word: the draft is
 * stored on this device as it is typed, survives a reload, and is only cleared once the server has it.
 */
export function ReplyBox({
  caseId,
  canEmail,
  placeholders,
}: {
  caseId: number;
  canEmail: boolean;
  /** The case's values for canned responses' placeholders. */
  placeholders: CasePlaceholderValues;
}) {
  const { t } = usePageI18n();
  const [restored] = useState(() => loadDraft(caseId));
  const [draft, setDraft] = useState<Draft>(() => restored ?? { kind: canEmail ? 'reply' : 'note', text: '', minutes: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sent, setSent] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const add = useAddInteraction();
  const kind: Kind = draft.kind === 'reply' && !canEmail ? 'note' : draft.kind;

  useEffect(() => {
    if (draft.text || draft.minutes !== '') localStorage.setItem(draftKey(caseId), JSON.stringify(draft));
    else localStorage.removeItem(draftKey(caseId));
  }, [caseId, draft]);
  useShortcut(
    'r',
    useCallback(() => textarea.current?.focus(), []),
  );
  // A canned response goes to the end of the draft; the caret follows it there to go on writing.
  const insertCannedResponse = (text: string) => {
    setDraft((current) => ({ ...current, text: appendToDraft(current.text, text) }));
    requestAnimationFrame(() => {
      const element = textarea.current;
      element?.focus();
      element?.setSelectionRange(element.value.length, element.value.length);
    });
  };

  const submit = () => {
    const input = {
      caseId,
      kind,
      text: draft.text,
      durationSeconds: kind === 'phone' || kind === 'counter' ? toSeconds(draft.minutes) : null,
    };
    const found = fieldErrorsOf(addInteractionInput, input, t);
    setErrors(found ?? {});
    setSent(false);
    if (found) return;
    add.mutate(input, {
      onSuccess: () => {
        setDraft({ kind, text: '', minutes: '' });
        setSent(true);
      },
    });
  };

  const kinds: Kind[] = canEmail ? ['reply', 'note', 'phone', 'counter'] : ['note', 'phone', 'counter'];
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm" id="reply-heading">
        {t('case.reply')}
      </Title>
      <Stack gap="sm">
        {restored?.text && (
          <Text size="sm" c="dimmed">
            {t('case.draftRestored')}
          </Text>
        )}
        <SegmentedControl
          aria-label={t('case.replyKind')}
          value={kind}
          onChange={(value) => setDraft({ ...draft, kind: value as Kind })}
          data={kinds.map((value) => ({ value, label: t(`case.kind.${value}`) }))}
          w="fit-content"
        />
        <CannedResponsePicker values={placeholders} onInsert={insertCannedResponse} />
        <Textarea
          ref={textarea}
          label={t('case.replyText')}
          description={t('case.replyHint')}
          autosize
          minRows={4}
          maxRows={16}
          value={draft.text}
          error={errors.text}
          onChange={(event) => setDraft({ ...draft, text: event.currentTarget.value })}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              submit();
            }
          }}
        />
        {(kind === 'phone' || kind === 'counter') && (
          <DurationInput w={180} value={draft.minutes} onChange={(minutes) => setDraft({ ...draft, minutes })} />
        )}
        <ErrorAlert error={add.error} />
        <Group>
          <Button onClick={submit} loading={add.isPending}>
            {t('case.send')}
          </Button>
        </Group>
        <div role="status" aria-live="polite">
          {sent && <Alert color="green">{t('case.sent')}</Alert>}
        </div>
      </Stack>
    </Paper>
  );
}
