import { Alert, Button, Container, Stack, Text } from '@mantine/core';
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useI18n } from '../../i18n/i18n';
import { ForbiddenPageError } from '../../lib/auth';
import { errorMessage } from '../../lib/errors';
import { PageHeader } from './page-header';

/** Shown instead of a page that failed: a human message, never a stack trace, and a way to try again. */
export function ErrorView({ error, reset }: ErrorComponentProps) {
  const { t } = useI18n();
  const router = useRouter();
  const forbidden = error instanceof ForbiddenPageError;
  return (
    <Container size="sm" py="xl">
      <PageHeader title={t('errorPage.title')} />
      <Stack>
        <Alert color="red" role="alert">
          <Text>{forbidden ? t('errors.auth.forbidden') : errorMessage(error, t)}</Text>
          {!forbidden && <Text mt="xs">{t('errorPage.text')}</Text>}
        </Alert>
        {!forbidden && (
          <Button
            w="fit-content"
            onClick={() => {
              reset();
              void router.invalidate();
            }}
          >
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Container>
  );
}
