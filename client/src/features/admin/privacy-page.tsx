import { Stack, Text } from '@mantine/core';
import { PageHeader } from '../../components/ui/page-header';
import { usePageI18n } from '../../i18n/page-i18n';
import { DataSubjectRequest } from './data-subject-request';
import { MailContentSection } from './mail-content-section';
import { RetentionSection } from './retention-section';
import { SurveySection } from './survey-section';

/** The data protection officer's duties: retention periods and their run, and requests under Art. 15 and 17. */
export function PrivacyPage() {
  const { t } = usePageI18n();
  return (
    <>
      <PageHeader title={t('privacy.title')} />
      <Text mb="lg" maw="60rem">
        {t('privacy.intro')}
      </Text>
      <Stack gap="xl">
        <RetentionSection />
        <MailContentSection />
        <SurveySection />
        <DataSubjectRequest />
      </Stack>
    </>
  );
}
