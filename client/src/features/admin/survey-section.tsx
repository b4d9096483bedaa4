import { useSuspenseQuery } from '@tanstack/react-query';
import { usePageI18n } from '../../i18n/page-i18n';
import { trpc } from '../../lib/trpc';
import { useSetSurveyEnabled } from './api/admin-mutations';
import { CategorySwitchesSection } from './category-switches-section';

/**
 * Feedback after resolution (issue 18): whether resolved cases ask their citizen, for the whole desk and per topic
 * (off, say, for administrative offences). The survey's comments are personal data, hence on this page. Takes effect
 * with the next case resolved; invitations already sent stay valid.
 */
export function SurveySection() {
  const { t } = usePageI18n();
  const settings = useSuspenseQuery(trpc.feedback.settings.queryOptions()).data;
  const set = useSetSurveyEnabled();
  return (
    <CategorySwitchesSection
      texts={{
        title: t('feedbackSettings.title'),
        intro: t('feedbackSettings.intro'),
        deskWide: t('feedbackSettings.deskWide'),
        deskWideHint: t('feedbackSettings.deskWideHint'),
        categories: t('feedbackSettings.categories'),
        // Off for the whole desk, the topics' choice waits.
        categoriesHint: t(settings.deskWide ? 'feedbackSettings.categoriesHint' : 'feedbackSettings.categoriesCovered'),
      }}
      settings={settings}
      set={set}
    />
  );
}
