import { splitMessageInput } from '@anliegen/shared';
import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import type { TimelineItem } from '../../components/domain/timeline';
import { Dialog } from '../../components/ui/dialog';
import { ErrorAlert } from '../../components/ui/error-alert';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { fieldErrorsOf } from '../../lib/validate';
import { useSplitMessage } from './api/case-mutations';
import { proposedSplitSubject } from './split-subject';

type CaseData = RouterOutputs['cases']['byReference']['case'];
type Message = Extract<TimelineItem, { restricted: false }>;

/**
 * "In neuen Vorgang verschieben": the subject (proposed from the message), team and topic (the case's) of the new case,
 * confirmed by the agent. The case's version is the one shown when the dialog opened: a change meanwhile is refused
 * (conflict) rather than moving a message out of a case the agent has not seen. Then the new case opens.
 */
export function SplitMessageDialog({ data, message, onClose }: { data: CaseData; message: Message; onClose: () => void }) {
  const { t } = usePageI18n();
  const navigate = useNavigate();
  const teams = useSuspenseQuery(trpc.teams.list.queryOptions()).data;
  const categories = useSuspenseQuery(trpc.categories.list.queryOptions()).data;
  const split = useSplitMessage();
  const [version] = useState(data.version);
  const [subject, setSubject] = useState(() => proposedSplitSubject(message, data.subject));
  const [teamId, setTeamId] = useState(data.team ? String(data.team.id) : '');
  const [categoryId, setCategoryId] = useState(data.category ? String(data.category.id) : '');
  const [touched, setTouched] = useState(false);
  const input = {
    interactionId: message.id,
    caseVersion: version,
    subject,
    teamId: teamId ? Number(teamId) : null,
    categoryId: categoryId ? Number(categoryId) : null,
  };
  const subjectError = touched ? fieldErrorsOf(splitMessageInput, input, t)?.subject : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!splitMessageInput.safeParse(input).success) return;
    split.mutate(input, {
      onSuccess: (created) => {
        onClose();
        void navigate({ to: '/cases/$reference', params: { reference: created.reference } });
      },
    });
  };
  return (
    <Dialog title={t('case.splitTitle')} onClose={onClose} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('case.splitIntro')}</Text>
          <TextInput
            label={t('case.splitSubject')}
            required
            value={subject}
            data-autofocus
            error={subjectError}
            onChange={(event) => setSubject(event.currentTarget.value)}
          />
          <NativeSelect
            label={t('inbox.team')}
            value={teamId}
            data={[
              { value: '', label: t('case.noTeam') },
              ...teams.map((team) => ({ value: String(team.id), label: team.name })),
            ]}
            onChange={(event) => setTeamId(event.currentTarget.value)}
          />
          <NativeSelect
            label={t('inbox.category')}
            value={categoryId}
            data={[
              { value: '', label: t('case.noCategory') },
              ...categories.map((category) => ({ value: String(category.id), label: category.name })),
            ]}
            onChange={(event) => setCategoryId(event.currentTarget.value)}
          />
          <ErrorAlert error={split.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={split.isPending}>
              {t('case.splitButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
