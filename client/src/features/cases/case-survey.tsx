import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { wholeButton } from '../../components/ui/whole-button';
import { IconMessageStar, IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import { AnchorLink } from '../../components/ui/anchor-link';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { RecordFeedbackDialog } from './record-feedback-dialog';

type Detail = RouterOutputs['cases']['byReference'];

/**
 * The case's survey (issue 18) beside its handling: whether and when the citizen was asked, "Rückmeldung erfassen" for
 * what they say at the counter or on the phone, and the counter receipt with the survey's QR code. The answer itself
 * shows in the timeline.
 */
export function CaseSurvey({ detail }: { detail: Detail }) {
  const { t, formatDate } = usePageI18n();
  const [recording, setRecording] = useState(false);
  const [saved, setSaved] = useState(false);
  const { survey } = detail;
  const state = !survey.enabled
    ? t('feedback.off')
    : survey.answer
      ? t('feedback.answered', {
          date: formatDate(survey.answer.updatedAt),
          answer: survey.answer.solved ? t(`feedback.solved.${survey.answer.solved}`) : '–',
        })
      : survey.invitation
        ? t('feedback.invited', {
            date: formatDate(survey.invitation.createdAt),
            via: t(`feedback.via.${survey.invitation.via}`),
            until: formatDate(survey.invitation.expiresAt),
          })
        : t('feedback.notInvited');
  return (
    <Paper component="section" withBorder p="sm" aria-labelledby="survey-heading">
      <Stack gap="xs">
        <Title order={2} size="h4" id="survey-heading">
          {t('feedback.title')}
        </Title>
        <Text size="sm">{state}</Text>
        <Group gap="xs">
          {survey.enabled && (
            <Button
              variant="default"
              size="sm"
              classNames={wholeButton}
              leftSection={<IconMessageStar size={16} aria-hidden />}
              aria-haspopup="dialog"
              onClick={() => {
                setSaved(false);
                setRecording(true);
              }}
            >
              {t('feedback.record')}
            </Button>
          )}
          <AnchorLink to="/cases/$reference/receipt" params={{ reference: detail.case.reference }} size="sm">
            <Group gap={4} component="span" wrap="nowrap">
              <IconReceipt size={16} aria-hidden />
              {t('receipt.open')}
            </Group>
          </AnchorLink>
        </Group>
        <Text size="sm" role="status" aria-live="polite">
          {saved ? t('feedback.saved') : ''}
        </Text>
      </Stack>
      {recording && (
        <RecordFeedbackDialog
          caseId={detail.case.id}
          answer={survey.answer}
          onClose={() => setRecording(false)}
          onSaved={() => {
            setRecording(false);
            setSaved(true);
          }}
        />
      )}
    </Paper>
  );
}
