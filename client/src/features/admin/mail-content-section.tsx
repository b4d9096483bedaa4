import { useSuspenseQuery } from '@tanstack/react-query';
import { usePageI18n } from '../../i18n/page-i18n';
import { trpc } from '../../lib/trpc';
import { useSetMailWithoutContent } from './api/admin-mutations';
import { CategorySwitchesSection } from './category-switches-section';

/**
 * Mail without content (issue 18): for the whole desk, or only for some topics (e.g. social benefits), mail to
 * citizens names only the reference and a link to their status page, where they read the message and its files.
 * Takes effect with the next mail that leaves.
 */
export function MailContentSection() {
  const { t } = usePageI18n();
  const settings = useSuspenseQuery(trpc.mailbox.settings.queryOptions()).data;
  const set = useSetMailWithoutContent();
  return (
    <CategorySwitchesSection
      texts={{
        title: t('mailContent.title'),
        intro: t('mailContent.intro'),
        deskWide: t('mailContent.deskWide'),
        deskWideHint: t('mailContent.deskWideHint'),
        categories: t('mailContent.categories'),
        // On for the whole desk, the topics' choice waits.
        categoriesHint: t(settings.deskWide ? 'mailContent.categoriesCovered' : 'mailContent.categoriesHint'),
      }}
      settings={settings}
      set={set}
    />
  );
}
