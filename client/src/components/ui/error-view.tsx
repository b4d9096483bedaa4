import { Alert, Anchor, Button, Container, Stack, Text } from '@mantine/core';
import { Link, useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useI18n } from '../../i18n/i18n';
import { ForbiddenPageError, placeOfRole } from '../../lib/auth';
import { errorMessage } from '../../lib/errors';
import { PageHeader } from './page-header';

/** Shown instead of a page that failed: a human message, never a stack trace, and a way to try again. */
export function ErrorView({ error, reset }: ErrorComponentProps) {
  return error instanceof ForbiddenPageError ? <ForbiddenView error={error} /> : <FailedView error={error} reset={reset} />;
}

function FailedView({ error, reset }: Pick<ErrorComponentProps, 'error' | 'reset'>) {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <Container size="sm" py="xl">
      <PageHeader title={t('errorPage.title')} />
      <Stack>
        <Alert color="red" role="alert">
          <Text>{errorMessage(error, t)}</Text>
          <Text mt="xs">{t('errorPage.text')}</Text>
        </Alert>
        <Button
          w="fit-content"
          onClick={() => {
            reset();
            void router.invalidate();
          }}
        >
          {t('common.retry')}
        </Button>
      </Stack>
    </Container>
  );
}

/**
 * A page the signed-in role may not open (issue 16: a supervisor opening /cases got "Etwas ist schiefgelaufen"):
 * no access, the roles it is for, and the way to where this role works.
 */
function ForbiddenView({ error }: { error: ForbiddenPageError }) {
  const { t, locale } = useI18n();
  const place = placeOfRole(error.role);
  const roles = new Intl.ListFormat(locale, { type: 'conjunction' }).format(error.allowed.map((role) => t(`roles.${role}`)));
  return (
    <Container size="sm" py="xl">
      <PageHeader title={t('forbidden.title')} />
      <Stack>
        <Alert color="red" role="alert">
          <Text>{t('errors.auth.forbidden')}</Text>
          <Text mt="xs">
            {t(error.allowed.length === 1 ? 'forbidden.whyOne' : 'forbidden.why', { roles, role: t(`roles.${error.role}`) })}
          </Text>
        </Alert>
        <Anchor component={Link} to={place.to} w="fit-content">
          {t(place.label)}
        </Anchor>
      </Stack>
    </Container>
  );
}
