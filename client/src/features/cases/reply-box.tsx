import {
  addInteractionInput,
  MAX_COPY_RECIPIENTS,
  MAX_REPLY_ATTACHMENTS,
  renderSignature,
  type REPLY_THEN_STATUSES,
  splitAddresses,
} from '@anliegen/shared';
import {
  Alert,
  Anchor,
  Button,
  CloseButton,
  FileButton,
  Group,
  Menu,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconChevronDown, IconPaperclip } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ClipboardEvent, type DragEvent, useCallback, useEffect, useRef, useState } from 'react';
import { type Minutes, toSeconds } from '../../components/ui/duration';
import { DurationInput } from '../../components/ui/duration-input';
import { ErrorAlert } from '../../components/ui/error-alert';
import { focusFirstProblem } from '../../components/ui/focus-problem';
import { StatusMessage } from '../../components/ui/status-message';
import { isShortcut, SHORTCUTS } from '../../components/ui/shortcuts';
import { useShortcut, useShortcutHint } from '../../components/ui/use-shortcut';
import { usePageI18n } from '../../i18n/page-i18n';
import { meQuery } from '../../lib/auth';
import { useMailStatus } from '../../lib/mail-status';
import { fieldErrorsOf, type FieldErrors } from '../../lib/validate';
import { CannedResponsePicker, type CasePlaceholderValues } from './canned-response-picker';
import { appendToDraft } from './draft-text';
import { useReportUnsaved } from './case-work';
import { useAddInteraction } from './api/case-mutations';
import { useMailWithoutContent } from './api/mailbox';
import classes from './reply-box.module.css';
import { UploadError, uploadFile } from './api/uploads';

type Kind = 'reply' | 'note' | 'phone' | 'counter';
type ThenStatus = (typeof REPLY_THEN_STATUSES)[number];

/** A file on the draft: uploading, uploaded (its upload id; kept with the draft for a day), or refused. */
interface DraftFile {
  key: string;
  name: string;
  sizeBytes: number;
  uploadId?: number;
  failed?: 'tooLarge' | 'failed' | 'tooMany';
  limitBytes?: number | null;
}

interface Draft {
  /** Null until the citizen's contacts are known: then a reply when they have an email address, else a note. */
  kind: Kind | null;
  text: string;
  minutes: Minutes;
  /** CC and BCC as typed (addresses separated by commas, semicolons or spaces). */
  cc?: string;
  bcc?: string;
  files?: DraftFile[];
}

/** The case's team as the case page has it: its signature goes under every email reply. */
export interface ReplyTeam {
  name: string;
  emailAddress: string | null;
  signature: string | null;
}

const draftKey = (caseId: number) => `anliegen.draft.${caseId}`;

function loadDraft(caseId: number): Draft | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(draftKey(caseId)) ?? 'null') as Draft | null;
    if (!parsed || typeof parsed.text !== 'string') return null;
    // Uploads still on their way when the page closed never arrived.
    return { ...parsed, files: (parsed.files ?? []).filter((file) => file.uploadId !== undefined) };
  } catch {
    return null;
  }
}

const hasContent = (draft: Draft) => Boolean(draft.text || draft.minutes !== '' || draft.cc || draft.bcc || draft.files?.length);

/**
 * Answer the citizen, note something internally, or record a call or visit. Never loses a word: the draft is
 * stored on this device as it is typed, survives a reload, and is only cleared once the server has it. It shows
 * with the case, before the citizen's contacts are known (`r` works from the first moment, issue 16): until then
 * one can write, but the kind (reply or note) is open and nothing is sent.
 * An email reply (issue 16) may carry files (button, drag and drop onto the box, paste), copies (CC, BCC) and the
 * team's signature (shown as it will be appended); "Senden" has a menu to send and set the status in one step.
 */
export function ReplyBox({
  caseId,
  canEmail,
  placeholders,
  team,
  categoryId = null,
}: {
  caseId: number;
  /** Whether the citizen has an email address to reply to; undefined while their contacts are loading. */
  canEmail: boolean | undefined;
  /** The case's values for canned responses' placeholders. */
  placeholders: CasePlaceholderValues;
  team?: ReplyTeam | null;
  /** The case's topic: it may decide that mail goes without content (issue 18). */
  categoryId?: number | null;
}) {
  const { t } = usePageI18n();
  const [restored] = useState(() => loadDraft(caseId));
  const [draft, setDraft] = useState<Draft>(() => restored ?? { kind: null, text: '', minutes: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sent, setSent] = useState<Kind | null>(null);
  const [showCopies, setShowCopies] = useState(Boolean(restored?.cc || restored?.bcc));
  const [dragging, setDragging] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const add = useAddInteraction();
  const me = useQuery(meQuery()).data;
  // The citizen's contacts are here: the kind nobody chose yet is decided once, as it was when the box showed later.
  if (draft.kind === null && canEmail !== undefined) setDraft({ ...draft, kind: canEmail ? 'reply' : 'note' });
  const kind: Kind | null = draft.kind === 'reply' && canEmail === false ? 'note' : draft.kind;
  const waiting = canEmail === undefined || kind === null;
  // A reply goes by email: say so before it is written when mail cannot leave (not set up) or fails.
  const mailState = useMailStatus(canEmail === true).data?.state;
  // Mail without content (issue 18): the citizen gets a notice and reads the reply on the status page; no copies.
  const withoutContent = useMailWithoutContent(caseId, categoryId, canEmail === true);
  const files = draft.files ?? [];
  const uploading = files.some((file) => file.uploadId === undefined && !file.failed);
  const signature =
    kind === 'reply' && team?.signature
      ? renderSignature(team.signature, {
          Name: me?.displayName ?? '',
          Team: team.name,
          'Team-E-Mail': team.emailAddress,
          Aktenzeichen: placeholders.caseReference,
          Betreff: placeholders.caseSubject,
        })
      : null;

  useEffect(() => {
    if (hasContent(draft)) localStorage.setItem(draftKey(caseId), JSON.stringify(draft));
    else localStorage.removeItem(draftKey(caseId));
  }, [caseId, draft]);
  // While there is a draft, live updates wait to be asked for (case-page.tsx).
  useReportUnsaved('reply', hasContent(draft));
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

  const updateFile = (key: string, change: Partial<DraftFile>) =>
    setDraft((current) => ({
      ...current,
      files: (current.files ?? []).map((file) => (file.key === key ? { ...file, ...change } : file)),
    }));
  const removeFile = (key: string) =>
    setDraft((current) => ({ ...current, files: (current.files ?? []).filter((file) => file.key !== key) }));
  /** Uploads the files at once (the server keeps them for a day); more than a mail may carry are refused here. */
  const attach = (picked: readonly File[]) => {
    let room = MAX_REPLY_ATTACHMENTS - files.filter((file) => !file.failed).length;
    const added: DraftFile[] = picked.map((file) => ({
      key: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
      name: file.name || t('replyFiles.unnamed'),
      sizeBytes: file.size,
      ...(room-- > 0 ? {} : { failed: 'tooMany' as const }),
    }));
    setDraft((current) => ({ ...current, files: [...(current.files ?? []), ...added] }));
    added.forEach((entry, index) => {
      if (entry.failed) return;
      uploadFile(picked[index]!)
        .then((stored) => updateFile(entry.key, { uploadId: stored.id, name: stored.filename, sizeBytes: stored.sizeBytes }))
        .catch((error: unknown) =>
          updateFile(entry.key, {
            failed: error instanceof UploadError ? error.code : 'failed',
            limitBytes: error instanceof UploadError ? error.limitBytes : null,
          }),
        );
    });
  };
  const onDrop = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setDragging(false);
    attach(Array.from(event.dataTransfer.files));
  };
  const onPaste = (event: ClipboardEvent) => {
    const pasted = Array.from(event.clipboardData.files);
    if (pasted.length === 0) return;
    event.preventDefault();
    attach(pasted);
  };

  const submit = (thenStatus?: ThenStatus) => {
    if (waiting || uploading) return;
    const input = {
      caseId,
      kind,
      text: draft.text,
      durationSeconds: kind === 'phone' || kind === 'counter' ? toSeconds(draft.minutes) : null,
      ...(kind === 'reply' && !withoutContent
        ? { cc: splitAddresses(draft.cc ?? ''), bcc: splitAddresses(draft.bcc ?? '') }
        : {}),
      uploadIds: files.flatMap((file) => (file.uploadId !== undefined ? [file.uploadId] : [])),
      ...(thenStatus ? { thenStatus } : {}),
    };
    const found = fieldErrorsOf(addInteractionInput, input, t);
    // "Too many" for a list of addresses, not "too many characters".
    for (const field of ['cc', 'bcc'] as const)
      if (found?.[field] && (input[field]?.length ?? 0) > MAX_COPY_RECIPIENTS)
        found[field] = t('replyCopies.tooMany', { max: MAX_COPY_RECIPIENTS });
    setErrors(found ?? {});
    setSent(null);
    if (found) {
      // The field in error, once it shows its message (2.4.3, 3.3.1).
      requestAnimationFrame(() => focusFirstProblem(box.current));
      return;
    }
    add.mutate(input, {
      onSuccess: () => {
        setDraft({ kind, text: '', minutes: '' });
        setShowCopies(false);
        setSent(kind);
      },
    });
  };

  const sizeText = (bytes: number) =>
    bytes >= 1024 * 1024
      ? t('replyFiles.megabytes', { n: (bytes / (1024 * 1024)).toFixed(1).replace('.', t('replyFiles.decimal')) })
      : t('common.kilobytes', { n: Math.max(1, Math.round(bytes / 1024)) });
  const kinds: Kind[] = canEmail === false ? ['note', 'phone', 'counter'] : ['reply', 'note', 'phone', 'counter'];
  return (
    <Paper
      ref={box}
      withBorder
      p="md"
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      style={dragging ? { outline: '2px dashed var(--mantine-color-blue-7)', outlineOffset: 2 } : undefined}
      data-testid="reply-box"
    >
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
          classNames={{ root: classes.kinds, control: classes.kind }}
        />
        {kind === 'reply' && (mailState === 'notConfigured' || mailState === 'failing') && (
          <Alert color="orange" role="status">
            {t(mailState === 'notConfigured' ? 'case.mailNotConfigured' : 'case.mailFailing')}
          </Alert>
        )}
        {kind === 'reply' && withoutContent && (
          <Alert color="blue" role="status" data-testid="mail-without-content">
            {t('mailbox.replyHint')}
          </Alert>
        )}
        {kind === 'reply' &&
          !withoutContent &&
          (showCopies ? (
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <TextInput
                label={t('replyCopies.cc')}
                description={t('replyCopies.ccHint')}
                value={draft.cc ?? ''}
                error={errors.cc}
                onChange={(event) => setDraft({ ...draft, cc: event.currentTarget.value })}
              />
              <TextInput
                label={t('replyCopies.bcc')}
                description={t('replyCopies.bccHint')}
                value={draft.bcc ?? ''}
                error={errors.bcc}
                onChange={(event) => setDraft({ ...draft, bcc: event.currentTarget.value })}
              />
            </SimpleGrid>
          ) : (
            <Anchor component="button" type="button" size="sm" w="fit-content" onClick={() => setShowCopies(true)}>
              {t('replyCopies.add')}
            </Anchor>
          ))}
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
          onPaste={onPaste}
          onKeyDown={(event) => {
            if (isShortcut(SHORTCUTS.caseSend, event)) {
              event.preventDefault();
              submit();
            }
          }}
        />
        {signature && (
          <div>
            <Text size="sm" fw={500} id="reply-signature-label">
              {t('replySignature.label', { team: team?.name ?? '' })}
            </Text>
            <Text
              size="sm"
              c="dimmed"
              style={{ whiteSpace: 'pre-wrap' }}
              aria-labelledby="reply-signature-label"
              data-testid="reply-signature"
            >
              {`-- \n${signature}`}
            </Text>
          </div>
        )}
        {(kind === 'phone' || kind === 'counter') && (
          <DurationInput w={180} value={draft.minutes} onChange={(minutes) => setDraft({ ...draft, minutes })} />
        )}
        <Stack gap={4}>
          <Group gap="xs">
            <FileButton onChange={attach} multiple inputProps={{ 'aria-label': t('replyFiles.choose') }}>
              {(props) => (
                <Button {...props} variant="default" size="xs" leftSection={<IconPaperclip size={16} aria-hidden />}>
                  {t('replyFiles.attach')}
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed">
              {t('replyFiles.hint')}
            </Text>
          </Group>
          {files.length > 0 && (
            <Stack component="ul" gap={2} aria-label={t('replyFiles.list')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {files.map((file) => (
                <Group component="li" key={file.key} gap="xs" wrap="nowrap">
                  <IconPaperclip size={14} aria-hidden />
                  <Text size="sm" c={file.failed ? 'red.8' : undefined}>
                    {file.name} ({sizeText(file.sizeBytes)})
                    {file.uploadId === undefined && !file.failed ? ` · ${t('replyFiles.uploading')}` : ''}
                    {file.failed === 'tooLarge'
                      ? ` · ${file.limitBytes ? t('replyFiles.tooLargeLimit', { limit: sizeText(file.limitBytes) }) : t('replyFiles.tooLarge')}`
                      : file.failed === 'tooMany'
                        ? ` · ${t('replyFiles.tooMany', { max: MAX_REPLY_ATTACHMENTS })}`
                        : file.failed
                          ? ` · ${t('replyFiles.failed')}`
                          : ''}
                  </Text>
                  <CloseButton
                    size="sm"
                    aria-label={t('replyFiles.remove', { name: file.name })}
                    onClick={() => removeFile(file.key)}
                  />
                </Group>
              ))}
            </Stack>
          )}
        </Stack>
        <ErrorAlert error={add.error} />
        <Group gap={0}>
          <Button
            onClick={() => submit()}
            loading={add.isPending}
            disabled={waiting || uploading}
            style={kind === 'reply' ? { borderTopRightRadius: 0, borderBottomRightRadius: 0 } : undefined}
          >
            {kind === 'reply' ? t('case.sendMail') : t(`case.submit.${kind ?? 'note'}`)}
          </Button>
          {kind === 'reply' && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button
                  aria-label={t('case.sendOptions')}
                  disabled={waiting || uploading || add.isPending}
                  px={8}
                  style={{ borderTopLeftRadius: 0, borderBottomLeftRadius: 0, borderLeft: '1px solid rgba(255,255,255,0.6)' }}
                >
                  <IconChevronDown size={16} aria-hidden />
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => submit('waiting_citizen')}>{t('case.sendWaiting')}</Menu.Item>
                <Menu.Item onClick={() => submit('resolved')}>{t('case.sendResolve')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
        <StatusMessage mb={0} message={sent && t(sent === 'reply' ? 'case.mailQueued' : 'case.sent')} />
      </Stack>
    </Paper>
  );
}
