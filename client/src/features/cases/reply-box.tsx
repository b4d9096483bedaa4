import { addInteractionInput } from '@anliegen/shared';
import { Alert, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type Minutes, toSeconds } from '../../components/ui/duration';
import { DurationInput } from '../../components/ui/duration-input';
import { ErrorAlert } from '../../components/ui/error-alert';
import { isShortcut, SHORTCUTS } from '../../components/ui/shortcuts';
import { useShortcut, useShortcutHint } from '../../components/ui/use-shortcut';
import { usePageI18n } from '../../i18n/page-i18n';
import { useMailStatus } from '../../lib/mail-status';
import { fieldErrorsOf, type FieldErrors } from '../../lib/validate';
import { CannedResponsePicker, type CasePlaceholderValues } from './canned-response-picker';
import { appendToDraft } from './draft-text';
import { useAddInteraction } from './api/case-mutations';

type Kind = 'reply' | 'note' | 'phone' | 'counter';
interface Draft {
  /** Null until the citizen's contacts are known: then a reply when they have an email address, else a note. */
  kind: Kind | null;
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
 * stored on this device as it is typed, survives a reload, and is only cleared once the server has it. It shows
 * with the case, before the citizen's contacts are known (`r` works from the first moment, issue 16): until then
 * one can write, but the kind (reply or note) is open and nothing is sent.
 */
export function ReplyBox({
  caseId,
  canEmail,
  placeholders,
}: {
  caseId: number;
  /** Whether the citizen has an email address to reply to; undefined while their contacts are loading. */
  canEmail: boolean | undefined;
  /** The case's values for canned responses' placeholders. */
  placeholders: CasePlaceholderValues;
}) {
  const { t } = usePageI18n();
  const [restored] = useState(() => loadDraft(caseId));
  const [draft, setDraft] = useState<Draft>(() => restored ?? { kind: null, text: '', minutes: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sent, setSent] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const add = useAddInteraction();
  // The citizen's contacts are here: the kind nobody chose yet is decided once, as it was when the box showed later.
  if (draft.kind === null && canEmail !== undefined) setDraft({ ...draft, kind: canEmail ? 'reply' : 'note' });
  const kind: Kind | null = draft.kind === 'reply' && canEmail === false ? 'note' : draft.kind;
  const waiting = canEmail === undefined || kind === null;
  // A reply goes by email: say so before it is written when mail cannot leave (not set up) or fails.
  const mailState = useMailStatus(canEmail === true).data?.state;

  useEffect(() => {
    if (draft.text || draft.minutes !== '') localStorage.setItem(draftKey(caseId), JSON.stringify(draft));
    else localStorage.removeItem(draftKey(caseId));
  }, [caseId, draft]);
  useShortcutHint('caseSend');
  useShortcut(
    'caseReply',
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
    if (waiting) return;
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

  const kinds: Kind[] = canEmail === false ? ['note', 'phone', 'counter'] : ['reply', 'note', 'phone', 'counter'];
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
          value={kind ?? ''}
          disabled={waiting}
          onChange={(value) => setDraft({ ...draft, kind: value as Kind })}
          data={kinds.map((value) => ({ value, label: t(`case.kind.${value}`) }))}
          w="fit-content"
        />
        {kind === 'reply' && (mailState === 'notConfigured' || mailState === 'failing') && (
          <Alert color="orange" role="status">
            {t(mailState === 'notConfigured' ? 'case.mailNotConfigured' : 'case.mailFailing')}
          </Alert>
        )}
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
            if (isShortcut(SHORTCUTS.caseSend, event)) {
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
          <Button onClick={submit} loading={add.isPending} disabled={waiting}>
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
