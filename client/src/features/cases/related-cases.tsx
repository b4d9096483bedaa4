import { linkCasesInput } from '@anliegen/shared';
import { Button, Group, List, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { AnchorLink } from '../../components/ui/anchor-link';
import { Dialog } from '../../components/ui/dialog';
import { ErrorAlert } from '../../components/ui/error-alert';
import { StatusBadge } from '../../components/domain/status-badge';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { queryClient, trpc } from '../../lib/trpc';
import { useLinkCases, useMergeCases, useUnlinkCases } from './api/case-mutations';

type Detail = RouterOutputs['cases']['byReference'];
type CitizenCase = RouterOutputs['citizens']['panel']['cases'][number];

/** Linked cases (both directions), linking by reference, and merging this case into another of the same person. */
export function RelatedCases({ detail, citizenCases }: { detail: Detail; citizenCases: CitizenCase[] }) {
  const { t } = usePageI18n();
  const navigate = useNavigate();
  const link = useLinkCases();
  const unlink = useUnlinkCases();
  const merge = useMergeCases();
  const [reference, setReference] = useState('');
  const [lookupError, setLookupError] = useState<unknown>(null);
  const [mergeTarget, setMergeTarget] = useState('');
  const [confirming, setConfirming] = useState(false);
  const caseId = detail.case.id;
  // Only cases the agent may open can take this one in (another team's are listed without their subject).
  const targets = citizenCases.filter(
    (c): c is Extract<CitizenCase, { restricted: false }> => c.id !== caseId && c.status !== 'closed' && !c.restricted,
  );

  const linkByReference = async () => {
    setLookupError(null);
    try {
      const other = await queryClient.fetchQuery(trpc.cases.byReference.queryOptions({ reference: reference.trim() }));
      const input = { caseId, relatedCaseId: other.case.id };
      if (linkCasesInput.safeParse(input).success) link.mutate(input, { onSuccess: () => setReference('') });
    } catch (error) {
      setLookupError(error);
    }
  };

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('case.related')}
      </Title>
      <Stack gap="sm">
        {detail.links.length === 0 ? (
          <Text size="sm">{t('case.noRelated')}</Text>
        ) : (
          <List listStyleType="none" p={0} spacing={4}>
            {detail.links.map((related) => (
              <List.Item key={related.id}>
                {related.restricted ? (
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      {related.reference}
                    </Text>
                    <Text size="sm">{t('history.restricted', { team: related.teamName ?? '' })}</Text>
                    <StatusBadge status={related.status} />
                  </Group>
                ) : (
                  <Group gap="xs">
                    <AnchorLink to="/cases/$reference" params={{ reference: related.reference }} size="sm" fw={600}>
                      {related.reference}
                    </AnchorLink>
                    <Text size="sm">{related.subject}</Text>
                    <StatusBadge status={related.status} />
                    <Button
                      size="compact-xs"
                      variant="default"
                      onClick={() => unlink.mutate({ caseId, relatedCaseId: related.id })}
                    >
                      {t('case.unlink')}
                    </Button>
                  </Group>
                )}
              </List.Item>
            ))}
          </List>
        )}
        <Group align="flex-end" gap="xs">
          <TextInput
            label={t('case.linkReference')}
            placeholder="A-2026-000123"
            value={reference}
            onChange={(event) => setReference(event.currentTarget.value)}
          />
          <Button variant="default" onClick={() => void linkByReference()} loading={link.isPending} disabled={!reference.trim()}>
            {t('case.link')}
          </Button>
        </Group>
        <ErrorAlert error={lookupError ?? link.error ?? unlink.error} />
        {targets.length > 0 && (
          <Group align="flex-end" gap="xs">
            <NativeSelect
              label={t('case.mergeTarget')}
              value={mergeTarget}
              data={[
                { value: '', label: t('common.none2') },
                ...targets.map((c) => ({ value: String(c.id), label: `${c.reference} – ${c.subject}` })),
              ]}
              onChange={(event) => setMergeTarget(event.currentTarget.value)}
            />
            <Button variant="default" disabled={!mergeTarget} onClick={() => setConfirming(true)}>
              {t('case.merge')}
            </Button>
          </Group>
        )}
      </Stack>
      {confirming && (
        <Dialog title={t('case.merge')} onClose={() => setConfirming(false)}>
          <Stack>
            <Text>{t('case.mergeConfirm')}</Text>
            <ErrorAlert error={merge.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
              <Button
                loading={merge.isPending}
                onClick={() =>
                  merge.mutate(
                    { sourceId: caseId, targetId: Number(mergeTarget) },
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
        </Dialog>
      )}
    </Paper>
  );
}
