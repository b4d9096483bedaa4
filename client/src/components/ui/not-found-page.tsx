import { Anchor, Container, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from './page-header';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Container size="sm" py="xl" component="main" id="main">
      <PageHeader title={t('notFound.title')} />
      <Text mb="md">{t('notFound.text')}</Text>
      <Anchor component={Link} to="/">
        {t('notFound.home')}
      </Anchor>
    </Container>
  );
}
