import { linkCasesInput } from '@anliegen/shared';
import { Button, Group, List, Menu, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useRef, useState } from 'react';
import { AnchorLink } from '../../components/ui/anchor-link';
import { Dialog } from '../../components/ui/dialog';
import { ErrorAlert } from '../../components/ui/error-alert';
import { StatusBadge } from '../../components/domain/status-badge';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { queryClient, trpc } from '../../lib/trpc';
import { useLinkCases, useMergeCases, useUnlinkCases } from './api/case-mutations';
import { RevokeStatusLinksDialog } from './status-links-dialog';

type Detail = RouterOutputs['cases']['byReference'];
type CitizenCase = RouterOutputs['citizens']['panel']['cases'][number];

/** The cases linked to this one (both directions), each with a way to undo the link; nothing while there are none. */
export function RelatedCases({ detail }: { detail: Detail }) {
  const { t } = usePageI18n();
  const unlink = useUnlinkCases();
  const caseId = detail.case.id;
  if (detail.links.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="related-cases-heading">
      <Title order={2} size="h4" mb="sm" id="related-cases-heading">
        {t('case.related')}
      </Title>
      <List listStyleType="none" p={0} spacing={4}>
        {detail.links.map((related) => (
          <List.Item key={related.id}>
            {related.restricted ? (
              <Group gap="xs">
                <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {related.reference}
                </Text>
                <Text size="sm">{t('history.restricted', { team: related.teamName ?? '' })}</Text>
                <StatusBadge status={related.status} />
              </Group>
            ) : (
              <Group gap="xs">
                <AnchorLink
                  to="/cases/$reference"
                  params={{ reference: related.reference }}
                  size="sm"
                  fw={600}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {related.reference}
                </AnchorLink>
                <Text size="sm">{related.subject}</Text>
                <StatusBadge status={related.status} />
                <Button size="compact-xs" variant="default" onClick={() => unlink.mutate({ caseId, relatedCaseId: related.id })}>
                  {t('case.unlink')}
                </Button>
              </Group>
            )}
          </List.Item>
        ))}
      </List>
      <ErrorAlert error={unlink.error} />
    </Paper>
  );
}

/** Links this case to another one, found by its reference. */
function LinkCaseDialog({ caseId, onClose }: { caseId: number; onClose: () => void }) {
  const { t } = usePageI18n();
  const link = useLinkCases();
  const [reference, setReference] = useState('');
  const [lookupError, setLookupError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reference.trim()) return;
    setLookupError(null);
    try {
      const other = await queryClient.fetchQuery(trpc.cases.byReference.queryOptions({ reference: reference.trim() }));
      const input = { caseId, relatedCaseId: other.case.id };
      if (linkCasesInput.safeParse(input).success) link.mutate(input, { onSuccess: onClose });
    } catch (error) {
      setLookupError(error);
    }
  };
  return (
    <Dialog title={t('case.linkTitle')} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <TextInput
            label={t('case.linkReference')}
            placeholder="A-2026-000123"
            value={reference}
            data-autofocus
            onChange={(event) => setReference(event.currentTarget.value)}
          />
          <ErrorAlert error={lookupError ?? link.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={link.isPending} disabled={!reference.trim()}>
              {t('case.link')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

/** Merges this case into another open case of the same person; the page then follows it there. */
function MergeCaseDialog({
  caseId,
  citizenCases,
  onClose,
}: {
  caseId: number;
  citizenCases: CitizenCase[];
  onClose: () => void;
}) {
  const { t } = usePageI18n();
  const navigate = useNavigate();
  const merge = useMergeCases();
  const [target, setTarget] = useState('');
  // Only cases the agent may open can take this one in (another team's are listed without their subject).
  const targets = citizenCases.filter(
    (c): c is Extract<CitizenCase, { restricted: false }> => c.id !== caseId && c.status !== 'closed' && !c.restricted,
  );
  return (
    <Dialog title={t('case.mergeTitle')} onClose={onClose}>
      {targets.length === 0 ? (
        <Text>{t('case.noMergeTarget')}</Text>
      ) : (
        <Stack>
          <NativeSelect
            label={t('case.mergeTarget')}
            value={target}
            data-autofocus
            data={[
              { value: '', label: t('common.none2') },
              ...targets.map((c) => ({ value: String(c.id), label: `${c.reference} – ${c.subject}` })),
            ]}
            onChange={(event) => setTarget(event.currentTarget.value)}
          />
          <Text size="sm">{t('case.mergeConfirm')}</Text>
          <ErrorAlert error={merge.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              disabled={!target}
              loading={merge.isPending}
              onClick={() =>
                merge.mutate(
                  { sourceId: caseId, targetId: Number(target) },
                  {
                    onSuccess: (result) => void navigate({ to: '/cases/$reference', params: { reference: result.reference } }),
                  },
                )
              }
            >
              {t('case.mergeButton')}
            </Button>
          </Group>
        </Stack>
      )}
    </Dialog>
  );
}

/**
 * "Weitere Aktionen": what is done to a case now and then (linking it to another, merging it into another, revoking
 * the citizen's status links), in a menu that opens the form in a dialog, instead of forms under the timeline. Without
 * the citizen's cases (still loading, or failed) merging has no targets to offer yet, and says so.
 */
export function MoreCaseActions({ caseId, citizenCases }: { caseId: number; citizenCases: CitizenCase[] | undefined }) {
  const { t } = usePageI18n();
  const [open, setOpen] = useState<'link' | 'merge' | 'revoke' | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(null);
    // Back to the menu's button (the item that opened the dialog is gone with the menu).
    requestAnimationFrame(() => button.current?.focus());
  };
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button ref={button} size="xs" variant="default" rightSection={<IconChevronDown size={14} aria-hidden />}>
            {t('case.moreActions')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => setOpen('link')}>{t('case.linkAction')}</Menu.Item>
          <Menu.Item onClick={() => setOpen('merge')}>{t('case.mergeAction')}</Menu.Item>
          <Menu.Item onClick={() => setOpen('revoke')}>{t('statusLinks.action')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {open === 'link' && <LinkCaseDialog caseId={caseId} onClose={close} />}
      {open === 'merge' && <MergeCaseDialog caseId={caseId} citizenCases={citizenCases ?? []} onClose={close} />}
      {open === 'revoke' && <RevokeStatusLinksDialog caseId={caseId} onClose={close} />}
    </>
  );
}
