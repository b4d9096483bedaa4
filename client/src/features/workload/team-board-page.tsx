import { MAX_REASSIGN, reassignCasesInput, setAbsentInput } from '@anliegen/shared';
import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { AnchorLink } from '../../components/ui/anchor-link';
import { DueLabel } from '../../components/domain/due-label';
import { ErrorAlert } from '../../components/ui/error-alert';
import { FormDialog } from '../../components/ui/form-dialog';
import { PageHeader } from '../../components/ui/page-header';
import { StatusBadge } from '../../components/domain/status-badge';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { meQuery } from '../../lib/auth';
import { trpc } from '../../lib/trpc';
import { type FieldErrors, fieldErrorsOf } from '../../lib/validate';
import { useMarkAbsent, useMarkPresent, useReassignCases } from './api';

const route = getRouteApi('/app/team');
type Board = RouterOutputs['workload']['board'];
type Member = Board['members'][number];
const QUEUE = 'queue';

/**
 * The team lead's board: each member's workload (open, overdue, due today), absences, and the team's open cases,
 * most urgent first, to reassign one or many at once. Updates live when anything changes.
 */
export function TeamBoardPage() {
  const { t } = usePageI18n();
  const me = useSuspenseQuery(meQuery()).data!;
  const search = route.useSearch();
  const navigate = useNavigate();
  const teamId = search.teamId ?? me.teams[0]?.id;
  if (teamId === undefined) {
    return (
      <>
        <PageHeader title={t('board.title')} />
        <Text>{t('board.noTeam')}</Text>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={t('board.title')}
        actions={
          me.teams.length > 1 ? (
            <NativeSelect
              label={t('inbox.team')}
              value={String(teamId)}
              data={me.teams.map((team) => ({ value: String(team.id), label: team.name }))}
              onChange={(event) => void navigate({ to: '/team', search: { teamId: Number(event.currentTarget.value) } })}
            />
          ) : undefined
        }
      />
      <Board key={teamId} teamId={teamId} />
    </>
  );
}

function Board({ teamId }: { teamId: number }) {
  const { t } = usePageI18n();
  const board = useSuspenseQuery(trpc.workload.board.queryOptions({ teamId })).data;
  const [absentFor, setAbsentFor] = useState<Member | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [moved, setMoved] = useState<number | null>(null);
  const back = useMarkPresent();
  // Cases that left the team's open list meanwhile drop out of the selection.
  const present = new Set(board.cases.map((c) => c.id));
  const chosen = [...selected].filter((id) => present.has(id));
  const toggle = (id: number) => {
    const next = new Set(chosen);
    if (!next.delete(id)) next.add(id);
    setSelected(next);
  };
  const allChosen = board.cases.length > 0 && chosen.length === board.cases.length;

  return (
    <Stack gap="xl">
      <section aria-labelledby="board-members">
        <Title order={2} size="h4" id="board-members" mb="xs">
          {t('board.members', { team: board.team.name })}
        </Title>
        <ErrorAlert error={back.error} />
        <Table striped>
          <caption className="visually-hidden">{t('board.members', { team: board.team.name })}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('citizens.name')}</Table.Th>
              <Table.Th scope="col">{t('board.open')}</Table.Th>
              <Table.Th scope="col">{t('board.overdue')}</Table.Th>
              <Table.Th scope="col">{t('board.dueToday')}</Table.Th>
              <Table.Th scope="col">{t('board.presence')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {board.members.map((member) => (
              <Table.Tr key={member.id}>
                <Table.Th scope="row">{member.name}</Table.Th>
                <Table.Td>{member.open}</Table.Td>
                <Table.Td>{member.overdue}</Table.Td>
                <Table.Td>{member.dueToday}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Text size="sm">{member.absent ? t('board.absent') : t('board.present')}</Text>
                    {member.absent ? (
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => back.mutate({ userId: member.id, absent: false, moveCasesTo: 'keep' })}
                      >
                        {t('board.markPresent', { name: member.name })}
                      </Button>
                    ) : (
                      <Button size="compact-sm" variant="default" onClick={() => setAbsentFor(member)}>
                        {t('board.markAbsent', { name: member.name })}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>

      <section aria-labelledby="board-cases">
        <Title order={2} size="h4" id="board-cases" mb="xs">
          {t('board.cases', { n: board.cases.length, unassigned: board.unassigned })}
        </Title>
        {chosen.length > 0 && (
          <ReassignBar
            board={board}
            caseIds={chosen}
            onDone={(moved) => {
              setSelected(new Set());
              setMoved(moved);
            }}
          />
        )}
        <div role="status">
          {moved !== null && chosen.length === 0 && (
            <Alert color="green" mb="sm">
              {t('board.reassigned', { n: moved })}
            </Alert>
          )}
        </div>
        <Table.ScrollContainer minWidth={800}>
          <Table highlightOnHover>
            <caption className="visually-hidden">{t('board.casesCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">
                  <Checkbox
                    aria-label={t('board.selectAll')}
                    checked={allChosen}
                    indeterminate={chosen.length > 0 && !allChosen}
                    onChange={() => setSelected(allChosen ? new Set() : new Set(board.cases.map((c) => c.id)))}
                  />
                </Table.Th>
                <Table.Th scope="col">{t('inbox.reference')}</Table.Th>
                <Table.Th scope="col">{t('inbox.subject')}</Table.Th>
                <Table.Th scope="col">{t('inbox.assignee')}</Table.Th>
                <Table.Th scope="col">{t('inbox.status')}</Table.Th>
                <Table.Th scope="col">{t('inbox.due')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {board.cases.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('board.select', { reference: row.reference })}
                      checked={chosen.includes(row.id)}
                      onChange={() => toggle(row.id)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <AnchorLink to="/cases/$reference" params={{ reference: row.reference }} fw={600}>
                      {row.reference}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{row.subject}</Table.Td>
                  <Table.Td>{row.assigneeName ?? t('case.unassigned')}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={row.status} />
                  </Table.Td>
                  <Table.Td>
                    <DueLabel dueAt={row.nextDueAt} pausedAt={row.slaPausedAt} status={row.status} resolvedAt={row.resolvedAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </section>
      {absentFor && <AbsentDialog member={absentFor} board={board} onClose={() => setAbsentFor(null)} />}
    </Stack>
  );
}

/** Reassign the selected cases to a member (or the queue) and/or another team, with a reason. */
function ReassignBar({ board, caseIds, onDone }: { board: Board; caseIds: number[]; onDone: (moved: number) => void }) {
  const { t } = usePageI18n();
  const teams = useSuspenseQuery(trpc.teams.list.queryOptions()).data;
  const [assignee, setAssignee] = useState(QUEUE);
  const [teamId, setTeamId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const reassign = useReassignCases({ onReassigned: onDone });
  const submit = () => {
    const input = {
      caseIds,
      assigneeId: assignee === QUEUE ? null : Number(assignee),
      ...(teamId ? { teamId: Number(teamId) } : {}),
      reason,
    };
    const found = fieldErrorsOf(reassignCasesInput, input, t);
    setErrors(found ?? {});
    if (!found) reassign.mutate(input);
  };
  return (
    <Paper withBorder p="sm" mb="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <Group align="flex-end" wrap="wrap">
          <Text fw={600} aria-live="polite">
            {t('board.selected', { n: caseIds.length, max: MAX_REASSIGN })}
          </Text>
          <NativeSelect
            label={t('board.assignTo')}
            value={assignee}
            onChange={(event) => setAssignee(event.currentTarget.value)}
            data={[
              { value: QUEUE, label: t('board.queue') },
              ...board.members.map((m) => ({
                value: String(m.id),
                label: m.absent ? `${m.name} (${t('board.absent')})` : m.name,
              })),
            ]}
          />
          <NativeSelect
            label={t('board.moveToTeam')}
            value={teamId}
            onChange={(event) => setTeamId(event.currentTarget.value)}
            data={[
              { value: '', label: t('board.keepTeam') },
              ...teams.filter((team) => team.id !== board.team.id).map((team) => ({ value: String(team.id), label: team.name })),
            ]}
          />
          <TextInput
            label={t('board.reason')}
            value={reason}
            error={errors.reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            miw={260}
          />
          <Button type="submit" loading={reassign.isPending}>
            {t('board.reassign')}
          </Button>
        </Group>
      </form>
      {errors.caseIds && (
        <Text c="red" size="sm" mt="xs">
          {errors.caseIds}
        </Text>
      )}
      <ErrorAlert error={reassign.error} />
    </Paper>
  );
}

/** Marks a member absent; their open cases stay, go to the team's queue, or to a colleague. */
function AbsentDialog({ member, board, onClose }: { member: Member; board: Board; onClose: () => void }) {
  const { t } = usePageI18n();
  const [moveTo, setMoveTo] = useState<string>(QUEUE);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const absent = useMarkAbsent({ onDone: onClose });
  const submit = () => {
    const input = {
      userId: member.id,
      absent: true,
      moveCasesTo: moveTo === 'keep' || moveTo === QUEUE ? (moveTo as 'keep' | 'queue') : Number(moveTo),
      ...(moveTo === 'keep' ? {} : { reason }),
    };
    const found = fieldErrorsOf(setAbsentInput, input, t);
    setErrors(found ?? {});
    if (!found) absent.mutate(input);
  };
  return (
    <FormDialog
      title={t('board.absentTitle', { name: member.name })}
      submitLabel={t('board.markAbsentShort')}
      pending={absent.isPending}
      error={absent.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <NativeSelect
        label={t('board.openCasesGoTo', { n: member.open })}
        value={moveTo}
        onChange={(event) => setMoveTo(event.currentTarget.value)}
        data={[
          { value: QUEUE, label: t('board.queue') },
          { value: 'keep', label: t('board.keep') },
          ...board.members.filter((m) => m.id !== member.id && !m.absent).map((m) => ({ value: String(m.id), label: m.name })),
        ]}
      />
      {moveTo !== 'keep' && (
        <TextInput
          label={t('board.reason')}
          value={reason}
          error={errors.reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      )}
    </FormDialog>
  );
}
