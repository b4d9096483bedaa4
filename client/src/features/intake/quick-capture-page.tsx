import {
  CALL_OUTCOMES,
  type CaseStatus,
  formatIsoDay,
  looksLikePhoneNumber,
  OPEN_CASE_STATUSES,
  proposeSubject,
  recordContactInput,
} from '@anliegen/shared';
import { Button, Group, NativeSelect, Paper, Radio, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { AnchorLink } from '../../components/ui/anchor-link';
import { type Minutes, toSeconds } from '../../components/ui/duration';
import { DurationInput } from '../../components/ui/duration-input';
import { ErrorAlert } from '../../components/ui/error-alert';
import { focusFirstProblem } from '../../components/ui/focus-problem';
import { StatusMessage } from '../../components/ui/status-message';
import { PageHeader } from '../../components/ui/page-header';
import { usePageI18n } from '../../i18n/page-i18n';
import { meQuery } from '../../lib/auth';
import { readFormDraft, useKeepFormDraft } from '../../lib/form-draft';
import { queryClient, trpc } from '../../lib/trpc';
import { fieldErrorsOf, type FieldErrors } from '../../lib/validate';
import { callerMatchesQuery, useRecordContact } from './api';

type Channel = 'phone' | 'counter';
type Outcome = (typeof CALL_OUTCOMES)[number];
const NEW = 'new';
interface CaptureForm {
  name: string;
  /** What the agent typed as the subject; null: the proposal from the note or topic stands. */
  subject: string | null;
  categoryId: string;
  text: string;
  minutes: Minutes;
  outcome: Outcome | '';
  location: string;
}
interface CaptureDraft {
  channel: Channel;
  query: string;
  searched: string;
  citizenId: string;
  caseChoice: string;
  form: CaptureForm;
}
const nothingTyped = ({ query, form }: CaptureDraft) =>
  !query && !form.text && !form.name && form.subject === null && form.minutes === '';
/** A contact can go to an open case the agent may open (another team's show no subject; CASE_ACCESS=team). */
const attachable = <C extends { status: CaseStatus; restricted: boolean }>(c: C): c is Extract<C, { restricted: false }> =>
  OPEN_CASE_STATUSES.includes(c.status) && !c.restricted;

/**
 * Capture a call or a counter visit while it happens. For a known caller: type the number, Enter, type the note,
 * Ctrl+Enter. The caller and their only open case are picked automatically, and the note takes the focus; a new
 * case's subject is proposed from the note's first line (or the topic) until the agent types one of their own.
 */
export function QuickCapturePage() {
  const { t, locale } = usePageI18n();
  const categories = useSuspenseQuery(trpc.categories.list.queryOptions()).data;
  // What the agent typed stays in this tab until recorded (lib/form-draft.ts): a reload, the sign-in after the
  // session ended, lose nothing.
  const draftKey = `capture.${useSuspenseQuery(meQuery()).data?.id}`;
  const [restored] = useState(() => readFormDraft<CaptureDraft>(draftKey));
  const [channel, setChannel] = useState<Channel>(restored?.channel ?? 'phone');
  const [query, setQuery] = useState(restored?.query ?? '');
  const [searched, setSearched] = useState(restored?.searched ?? '');
  const [citizenId, setCitizenId] = useState<string>(restored?.citizenId ?? NEW);
  const [caseChoice, setCaseChoice] = useState<string>(restored?.caseChoice ?? NEW);
  const [form, setForm] = useState<CaptureForm>(
    restored?.form ?? {
      name: '',
      /** What the agent typed as the subject; null: the proposal from the note or topic stands. */
      subject: null as string | null,
      categoryId: '',
      text: '',
      minutes: '' as Minutes,
      outcome: '' as Outcome | '',
      location: '',
    },
  );
  useKeepFormDraft(draftKey, { channel, query, searched, citizenId, caseChoice, form }, nothingTyped);
  const [errors, setErrors] = useState<FieldErrors>({});
  const note = useRef<HTMLTextAreaElement>(null);
  const formBox = useRef<HTMLDivElement>(null);

  const matches = useQuery({
    ...callerMatchesQuery(searched),
    enabled: searched.length >= 2,
  });
  const panel = useQuery({ ...trpc.citizens.panel.queryOptions({ id: Number(citizenId) }), enabled: citizenId !== NEW });
  const openCases = (panel.data?.cases ?? []).filter(attachable);
  const record = useRecordContact();
  const categoryName = categories.find((category) => String(category.id) === form.categoryId)?.name ?? null;
  const proposal = proposeSubject(form.text, categoryName);
  const subject = form.subject ?? proposal ?? '';

  const lookUp = async () => {
    const text = query.trim();
    setSearched(text);
    record.reset();
    if (text.length < 2) return;
    const found = await queryClient.fetchQuery(callerMatchesQuery(text));
    const only = found.length === 1 ? found[0] : undefined;
    setCitizenId(only ? String(only.id) : NEW);
    if (!only) return setCaseChoice(NEW);
    const cases = (await queryClient.fetchQuery(trpc.citizens.panel.queryOptions({ id: only.id }))).cases.filter(attachable);
    setCaseChoice(cases.length === 1 ? String(cases[0]!.id) : NEW);
    // The caller is known: what they say comes next.
    note.current?.focus();
  };

  const submit = () => {
    const input = {
      channel,
      ...(citizenId !== NEW
        ? { citizenId: Number(citizenId) }
        : { phone: looksLikePhoneNumber(searched) ? searched : undefined, name: form.name || undefined }),
      ...(caseChoice !== NEW
        ? { caseId: Number(caseChoice) }
        : { subject: subject.trim() || proposal || undefined, categoryId: form.categoryId ? Number(form.categoryId) : null }),
      text: form.text,
      durationSeconds: toSeconds(form.minutes),
      ...(form.outcome ? { outcome: form.outcome } : {}),
      ...(channel === 'counter' && form.location ? { location: form.location } : {}),
    };
    const found = fieldErrorsOf(recordContactInput, input, t);
    setErrors(found ?? {});
    // The first field in error, once it shows its message (2.4.3, 3.3.1).
    if (found) requestAnimationFrame(() => focusFirstProblem(formBox.current));
    if (!found) {
      record.mutate(input, {
        onSuccess: () => {
          setForm({ ...form, text: '', subject: null, minutes: '', outcome: '' });
          setQuery('');
          setSearched('');
          setCitizenId(NEW);
          setCaseChoice(NEW);
        },
      });
    }
  };

  return (
    <>
      <PageHeader title={t('capture.title')} />
      <Paper withBorder p="md" maw={760} ref={formBox}>
        <Stack gap="sm">
          {restored && !record.data && (
            <Text size="sm" c="dimmed">
              {t('capture.restored')}
            </Text>
          )}
          <SegmentedControl
            aria-label={t('capture.channel')}
            value={channel}
            onChange={(value) => setChannel(value as Channel)}
            data={[
              { value: 'phone', label: t('case.kind.phone') },
              { value: 'counter', label: t('case.kind.counter') },
            ]}
            w="fit-content"
          />
          <Group align="flex-end" gap="xs">
            <TextInput
              label={channel === 'phone' ? t('capture.phone') : t('citizens.lookup')}
              value={query}
              error={errors.phone}
              onChange={(event) => setQuery(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void lookUp();
                }
              }}
              data-autofocus
              autoFocus
            />
            <Button variant="default" onClick={() => void lookUp()}>
              {t('capture.lookup')}
            </Button>
          </Group>
          {searched.length >= 2 && matches.data && (
            <Radio.Group
              label={t('panel.title')}
              value={citizenId}
              onChange={(value) => {
                setCitizenId(value);
                setCaseChoice(NEW);
              }}
            >
              <Stack gap={4} mt={4}>
                {matches.data.map((citizen) => (
                  <Radio
                    key={citizen.id}
                    value={String(citizen.id)}
                    label={`${citizen.displayName}${citizen.birthDate ? `, ${t('citizens.bornOn', { date: formatIsoDay(citizen.birthDate, locale) })}` : ''} (${citizen.contacts.map((c) => c.display).join(', ') || '–'})`}
                  />
                ))}
                <Radio value={NEW} label={matches.data.length === 0 ? t('capture.notFound') : t('citizens.new')} />
              </Stack>
            </Radio.Group>
          )}
          {citizenId === NEW && (
            <TextInput
              label={t('capture.name')}
              value={form.name}
              onChange={(event) => setForm({ ...form, name: event.currentTarget.value })}
            />
          )}
          <Radio.Group label={t('capture.case')} value={caseChoice} onChange={setCaseChoice}>
            <Stack gap={4} mt={4}>
              {openCases.map((c) => (
                <Radio
                  key={c.id}
                  value={String(c.id)}
                  label={
                    <>
                      <span style={{ whiteSpace: 'nowrap' }}>{c.reference}</span> – {c.subject}
                    </>
                  }
                />
              ))}
              <Radio value={NEW} label={t('capture.newCase')} />
            </Stack>
          </Radio.Group>
          {caseChoice === NEW && (
            <Group grow align="flex-start">
              <TextInput
                label={t('newCase.subject')}
                required
                value={subject}
                placeholder={proposal ?? undefined}
                error={errors.subject}
                onChange={(event) => setForm({ ...form, subject: event.currentTarget.value })}
              />
              <NativeSelect
                label={t('newCase.category')}
                value={form.categoryId}
                data={[
                  { value: '', label: t('case.noCategory') },
                  ...categories.map((c) => ({ value: String(c.id), label: c.name })),
                ]}
                onChange={(event) => setForm({ ...form, categoryId: event.currentTarget.value })}
              />
            </Group>
          )}
          <Textarea
            ref={note}
            label={t('case.replyText')}
            description={t('case.replyHint')}
            required
            autosize
            minRows={3}
            value={form.text}
            error={errors.text}
            onChange={(event) => setForm({ ...form, text: event.currentTarget.value })}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                submit();
              }
            }}
          />
          <Group grow align="flex-start">
            <DurationInput value={form.minutes} onChange={(minutes) => setForm({ ...form, minutes })} />
            <NativeSelect
              label={t('capture.outcome')}
              value={form.outcome}
              data={[
                { value: '', label: t('common.none2') },
                ...CALL_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`capture.outcome.${outcome}`) })),
              ]}
              onChange={(event) => setForm({ ...form, outcome: event.currentTarget.value as Outcome | '' })}
            />
            {channel === 'counter' && (
              <TextInput
                label={t('capture.location')}
                value={form.location}
                onChange={(event) => setForm({ ...form, location: event.currentTarget.value })}
              />
            )}
          </Group>
          <ErrorAlert error={record.error} />
          <Group>
            <Button onClick={submit} loading={record.isPending}>
              {t('capture.save')}
            </Button>
          </Group>
          <StatusMessage
            mb={0}
            message={
              record.data &&
              (record.data.accessible ? (
                <Text size="sm">
                  {t('capture.saved', { reference: record.data.reference })}{' '}
                  {/* The alert's own text colour (the primary blue on its green tint fell short of 4.5:1), underlined. */}
                  <AnchorLink to="/cases/$reference" params={{ reference: record.data.reference }} c="inherit" underline="always">
                    {t('common.open')}
                  </AnchorLink>
                </Text>
              ) : (
                // Routing gave the new case to a team whose cases this agent cannot open: recorded all the same.
                <Text size="sm">
                  {t('capture.savedForOtherTeam', { reference: record.data.reference, team: record.data.teamName ?? '' })}
                </Text>
              ))
            }
          />
        </Stack>
      </Paper>
    </>
  );
}
