import { MAX_REASSIGN, reassignCasesInput, setAbsentInput } from '@anliegen/shared';
import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { AnchorLink } from '../../components/ui/anchor-link';
import { DataTable, stackedTable, useCardLabels } from '../../components/ui/data-table';
import { DueLabel } from '../../components/domain/due-label';
import { ErrorAlert } from '../../components/ui/error-alert';
import { StatusMessage } from '../../components/ui/status-message';
import { FormDialog } from '../../components/ui/form-dialog';
import { PageHeader } from '../../components/ui/page-header';
import { StatusBadge } from '../../components/domain/status-badge';
import { LiveUpdateBar } from '../../components/ui/live-update-bar';
import { useHeld, useWorkingIn } from '../../lib/held-updates';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { meQuery } from '../../lib/auth';
import { trpc } from '../../lib/trpc';
import { type FieldErrors, fieldErrorsOf } from '../../lib/validate';
import { useMarkAbsent, useMarkPresent, useReassignCases } from './api';
import classes from './team-board-page.module.css';

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
  const { t, formatNumber } = usePageI18n();
  const live = useSuspenseQuery(trpc.workload.board.queryOptions({ teamId })).data;
  const [absentFor, setAbsentFor] = useState<Member | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  // Rows never move under the lead's pointer or focus, nor while cases are ticked or a dialog is open (issue 24): a
  // live change waits, and the bar at the bottom offers it.
  const area = useRef<HTMLDivElement>(null);
  const held = useHeld(live, useWorkingIn(area) || selected.size > 0 || absentFor !== null);
  const board = held.data;
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
  const selectAll = () => setSelected(allChosen ? new Set() : new Set(board.cases.map((c) => c.id)));
  const casesTable = useRef<HTMLTableElement>(null);
  // The cards name assignee, status and due date; box, reference and subject speak for themselves.
  useCardLabels(casesTable, [undefined, undefined, undefined, t('inbox.assignee'), t('inbox.status'), t('inbox.due')]);

  return (
    <Stack gap="xl" ref={area}>
      <section aria-labelledby="board-members">
        <Title order={2} size="h4" id="board-members" mb="xs">
          {t('board.members', { team: board.team.name })}
        </Title>
        <ErrorAlert error={back.error} />
        <DataTable
          caption={t('board.members', { team: board.team.name })}
          minWidth={560}
          highlightOnHover={false}
          rowCount={board.members.length}
          columns={[
            t('citizens.name'),
            { label: t('board.open'), numeric: true },
            { label: t('board.overdue'), numeric: true },
            { label: t('board.dueToday'), numeric: true },
            t('board.presence'),
          ]}
        >
          {board.members.map((member) => (
            <Table.Tr key={member.id}>
              <Table.Th scope="row">{member.name}</Table.Th>
              <Table.Td ta="right">{formatNumber(member.open)}</Table.Td>
              <Table.Td ta="right">{formatNumber(member.overdue)}</Table.Td>
              <Table.Td ta="right">{formatNumber(member.dueToday)}</Table.Td>
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
        </DataTable>
      </section>

      <section aria-labelledby="board-cases">
        <Title order={2} size="h4" id="board-cases" mb="xs" tabIndex={-1}>
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
        <StatusMessage mb="sm" message={moved !== null && chosen.length === 0 && t('board.reassigned', { n: moved })} />
        {/* In a narrow column each case is a card (data-table.module.css) and "select all" stands above them. */}
        <div className={stackedTable.container}>
          {board.cases.length > 0 && (
            <Checkbox
              className={classes.selectAllAbove}
              label={t('board.selectAll')}
              checked={allChosen}
              indeterminate={chosen.length > 0 && !allChosen}
              onChange={selectAll}
            />
          )}
          <Table.ScrollContainer minWidth={800} classNames={{ scrollContainerInner: stackedTable.inner }}>
            <Table ref={casesTable} highlightOnHover className={`${stackedTable.table} ${classes.cases}`}>
              <caption className="visually-hidden">{t('board.casesCaption')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">
                    <Checkbox
                      aria-label={t('board.selectAll')}
                      checked={allChosen}
                      indeterminate={chosen.length > 0 && !allChosen}
                      onChange={selectAll}
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
                  <Table.Tr key={row.id} className={classes.caseRow}>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('board.select', { reference: row.reference })}
                        checked={chosen.includes(row.id)}
                        onChange={() => toggle(row.id)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <AnchorLink
                        to="/cases/$reference"
                        params={{ reference: row.reference }}
                        fw={600}
                        className={classes.reference}
                      >
                        {row.reference}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{row.subject}</Table.Td>
                    <Table.Td>{row.assigneeName ?? t('case.unassigned')}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={row.status} />
                    </Table.Td>
                    <Table.Td>
                      <DueLabel
                        dueAt={row.nextDueAt}
                        pausedAt={row.slaPausedAt}
                        status={row.status}
                        resolvedAt={row.resolvedAt}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </div>
      </section>
      {absentFor && <AbsentDialog member={absentFor} board={board} onClose={() => setAbsentFor(null)} />}
      <LiveUpdateBar>
        {held.waiting && (
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('board.changed')}</Text>
            <Button
              size="compact-sm"
              onClick={() => {
                flushSync(() => held.apply());
                // The button goes with the notice: the focus goes to the team's cases.
                document.getElementById('board-cases')?.focus();
              }}
            >
              {t('inbox.refresh')}
            </Button>
          </Group>
        )}
      </LiveUpdateBar>
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
