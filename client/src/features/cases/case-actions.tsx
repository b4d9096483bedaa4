import { CASE_STATUSES, PRIORITIES, updateCaseInput } from '@anliegen/shared';
import { Alert, Button, Group, NativeSelect, Paper, Text, TextInput, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { type SetStateAction, useRef, useState } from 'react';
import { AnchorLink } from '../../components/ui/anchor-link';
import { ErrorAlert } from '../../components/ui/error-alert';
import { focusFirstProblem } from '../../components/ui/focus-problem';
import { StatusMessage } from '../../components/ui/status-message';
import { useShortcut } from '../../components/ui/use-shortcut';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { meQuery } from '../../lib/auth';
import { errorCodeOf } from '../../lib/errors';
import { useFormDraft } from '../../lib/form-draft';
import { trpc } from '../../lib/trpc';
import { fieldErrorsOf } from '../../lib/validate';
import { useUpdateCase } from './api/case-mutations';
import { useReportUnsaved } from './case-work';
import { FollowUpField } from './follow-up';
import { followUpErrorKey, followUpFieldValue } from './follow-up-day';
import { isIsoDay } from '../../components/ui/date-text';

type CaseData = RouterOutputs['cases']['byReference']['case'];
interface Edits {
  subject?: string;
  status?: CaseData['status'];
  priority?: CaseData['priority'];
  teamId?: number | null;
  assigneeId?: number | null;
  categoryId?: number | null;
  followUpOn?: string | null;
}
/** The unsaved edits and the version they began on. */
interface Draft {
  edits: Edits;
  baseVersion: number | null;
}
const noDraft = (): Draft => ({ edits: {}, baseVersion: null });
const nothingEdited = (draft: Draft) => Object.keys(draft.edits).length === 0;

/**
 * Status, priority, team, assignee, topic and a follow-up date. Edits are kept locally until saved; when someone else saved in
 * between, the server refuses, the edits stay, and "Neu laden" fetches the new version to save onto.
 * Keys: `s` goes to the status, `m` assigns the case to the agent at once (other edits stay unsaved).
 */
export function CaseActions({ data, onReload }: { data: CaseData; onReload: () => void }) {
  const { t } = usePageI18n();
  const teams = useSuspenseQuery(trpc.teams.list.queryOptions()).data;
  const categories = useSuspenseQuery(trpc.categories.list.queryOptions()).data;
  const assignees = useSuspenseQuery(trpc.users.assignees.queryOptions()).data;
  const me = useSuspenseQuery(meQuery()).data!;
  // Kept in this tab until saved (lib/form-draft.ts): neither a reload nor the sign-in after the session ended loses
  // them; a colleague's change shows under them only when the agent asks (case-page.tsx), and never replaces them.
  const [draft, setDraft, restored] = useFormDraft(`case.${me.id}.${data.id}`, noDraft, nothingEdited);
  const { edits } = draft;
  const setEdits = (next: Edits) => setDraft((current) => ({ ...current, edits: next }));
  // The version the agent started editing from: live updates refresh `data` underneath the edits, and a save
  // must still be refused when someone else saved after the agent began.
  const { baseVersion } = draft;
  const setBaseVersion = (next: SetStateAction<number | null>) =>
    setDraft((current) => ({ ...current, baseVersion: typeof next === 'function' ? next(current.baseVersion) : next }));
  // 'away': saved, and the case went to a team whose cases this agent cannot open (CASE_ACCESS=team); 'assigned' and
  // 'alreadyMine': what `m` did.
  const [saved, setSaved] = useState<'here' | 'away' | 'assigned' | 'alreadyMine' | null>(null);
  const statusSelect = useRef<HTMLSelectElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const update = useUpdateCase();
  const conflict = update.error && errorCodeOf(update.error) === 'conflict.staleVersion';

  const current = {
    subject: edits.subject ?? data.subject,
    status: edits.status ?? data.status,
    priority: edits.priority ?? data.priority,
    teamId: edits.teamId !== undefined ? edits.teamId : (data.team?.id ?? null),
    assigneeId: edits.assigneeId !== undefined ? edits.assigneeId : (data.assignee?.id ?? null),
    categoryId: edits.categoryId !== undefined ? edits.categoryId : (data.category?.id ?? null),
    followUpOn: edits.followUpOn !== undefined ? edits.followUpOn : followUpFieldValue(data.followUpAt) || null,
  };
  const change = (next: Edits) => {
    setSaved(null);
    setBaseVersion((base) => base ?? data.version);
    setEdits({ ...edits, ...next });
  };
  const idOrNull = (value: string) => (value ? Number(value) : null);
  const subjectError =
    edits.subject !== undefined
      ? fieldErrorsOf(updateCaseInput, { id: data.id, version: data.version, subject: edits.subject }, t)?.subject
      : undefined;
  const nothingToSave = Object.keys(edits).length === 0;
  useReportUnsaved('caseEdits', !nothingToSave);
  const save = () => {
    if (nothingToSave) return;
    if (
      subjectError ||
      followUpErrorKey(edits.followUpOn) ||
      // Typed text that is no day: the date field says why.
      (edits.followUpOn && !isIsoDay(edits.followUpOn))
    ) {
      // The field that says what is wrong, once it shows its message.
      requestAnimationFrame(() => focusFirstProblem(box.current));
      return;
    }
    update.mutate(
      { id: data.id, version: baseVersion ?? data.version, ...edits },
      {
        onSuccess: (result) => {
          setEdits({});
          setBaseVersion(null);
          setSaved(result.accessible ? 'here' : 'away');
        },
      },
    );
  };

  useShortcut('caseStatus', () => statusSelect.current?.focus());
  useShortcut('caseAssignToMe', () => {
    if (update.isPending) return;
    if (data.assignee?.id === me.id) {
      setSaved('alreadyMine');
      return;
    }
    // From the version the agent's unsaved edits began on, if any: someone else's change in between is a conflict.
    update.mutate(
      { id: data.id, version: baseVersion ?? data.version, assigneeId: me.id },
      {
        onSuccess: (result) => {
          const { assigneeId: _assignee, ...rest } = edits;
          setEdits(rest);
          // The other edits now build on the version this assignment made.
          setBaseVersion(Object.keys(rest).length > 0 ? result.version : null);
          setSaved(result.accessible ? 'assigned' : 'away');
        },
      },
    );
  });

  return (
    <Paper withBorder p="md" ref={box}>
      <Title order={2} size="h4" mb="sm">
        {t('case.quickActions')}
      </Title>
      {restored && !nothingToSave && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('case.editsRestored')}
        </Text>
      )}
      <TextInput
        label={t('case.subject')}
        value={current.subject}
        error={subjectError}
        mb="sm"
        onChange={(event) => change({ subject: event.currentTarget.value })}
      />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect
          ref={statusSelect}
          label={t('inbox.status')}
          aria-keyshortcuts="s"
          value={current.status}
          data={CASE_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          onChange={(event) => change({ status: event.currentTarget.value as CaseData['status'] })}
        />
        <NativeSelect
          label={t('inbox.priority')}
          value={current.priority}
          data={PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
          onChange={(event) => change({ priority: event.currentTarget.value as CaseData['priority'] })}
        />
        <NativeSelect
          label={t('inbox.team')}
          value={current.teamId ? String(current.teamId) : ''}
          data={[{ value: '', label: t('case.noTeam') }, ...teams.map((team) => ({ value: String(team.id), label: team.name }))]}
          onChange={(event) => change({ teamId: idOrNull(event.currentTarget.value) })}
        />
        <NativeSelect
          label={t('case.assignee')}
          value={current.assigneeId ? String(current.assigneeId) : ''}
          data={[
            { value: '', label: t('case.unassigned') },
            ...assignees.map((user) => ({ value: String(user.id), label: user.displayName })),
          ]}
          onChange={(event) => change({ assigneeId: idOrNull(event.currentTarget.value) })}
        />
        <NativeSelect
          label={t('inbox.category')}
          value={current.categoryId ? String(current.categoryId) : ''}
          data={[
            { value: '', label: t('case.noCategory') },
            ...categories.map((category) => ({ value: String(category.id), label: category.name })),
          ]}
          onChange={(event) => change({ categoryId: idOrNull(event.currentTarget.value) })}
        />
        <FollowUpField value={current.followUpOn} onChange={(followUpOn) => change({ followUpOn })} />
        {/* Nothing to save: said and shown, but not `disabled`, which would drop the focus to <body> right after a save. */}
        <Button onClick={save} loading={update.isPending} data-disabled={nothingToSave} aria-disabled={nothingToSave}>
          {t('case.save')}
        </Button>
      </Group>
      <StatusMessage
        mt="sm"
        mb={0}
        color={saved === 'alreadyMine' ? 'blue' : 'green'}
        message={
          saved === 'here' ? (
            t('case.saved')
          ) : saved === 'assigned' || saved === 'alreadyMine' ? (
            t(saved === 'assigned' ? 'case.assignedToMe' : 'case.alreadyMine')
          ) : saved === 'away' ? (
            <>
              {t('case.savedMovedAway')}{' '}
              <AnchorLink to="/cases" search={{}}>
                {t('case.toInbox')}
              </AnchorLink>
            </>
          ) : null
        }
      />
      {conflict ? (
        <Alert color="orange" role="alert" mt="sm">
          {t('case.conflict')}
          <Group mt="xs">
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                update.reset();
                setBaseVersion(null);
                onReload();
              }}
            >
              {t('common.reload')}
            </Button>
          </Group>
        </Alert>
      ) : (
        update.error && <ErrorAlert error={update.error} />
      )}
    </Paper>
  );
}
