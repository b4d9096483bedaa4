import { loginInput } from '@anliegen/shared';
import { Alert, Button, Center, Container, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { getRouteApi, useNavigate, useRouter } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { focusFirstProblem } from '../../components/ui/focus-problem';
import { ColorSchemeToggle, LanguageMenu } from '../../components/domain/header-controls';
import { usePageTitle } from '../../components/ui/use-page-title';
import { usePageI18n } from '../../i18n/page-i18n';
import { safeRedirectTarget } from '../../lib/auth';
import { clearFormDrafts } from '../../lib/form-draft';
import { fieldErrorsOf, type FieldErrors } from '../../lib/validate';
import { useLogin } from './api';

const route = getRouteApi('/login');

export function LoginPage() {
  const { t } = usePageI18n();
  const search = route.useSearch();
  const navigate = useNavigate();
  const router = useRouter();
  const [values, setValues] = useState({ email: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  usePageTitle(t('login.title'));
  // Signed out on purpose: no unsaved form of the session stays in this tab (after a session that merely ended, the
  // forms come back once signed in again: lib/form-draft.ts).
  useEffect(() => {
    if (search.loggedOut) clearFormDrafts();
  }, [search.loggedOut]);

  const login = useLogin({
    onSignedIn: async () => {
      await router.invalidate();
      await navigate({ to: safeRedirectTarget(search.redirect) });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = fieldErrorsOf(loginInput, values, t);
    setFieldErrors(errors ?? {});
    const form = event.currentTarget as HTMLFormElement;
    // The first field in error, once it shows its message (2.4.3, 3.3.1).
    if (errors) requestAnimationFrame(() => focusFirstProblem(form));
    else login.mutate(values);
  };

  return (
    <>
      <Group component="header" justify="flex-end" p="md" gap="xs">
        <LanguageMenu signedIn={false} />
        <ColorSchemeToggle />
      </Group>
      <Container size={420} component="main" id="main">
        <Center>
          <Stack w="100%">
            <div>
              <Text fw={700} size="xl">
                {t('app.name')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('app.tagline')}
              </Text>
            </div>
            <Paper withBorder p="lg" radius="md">
              <form onSubmit={submit} noValidate>
                <Stack>
                  <Title order={1} size="h3">
                    {t('login.title')}
                  </Title>
                  <Text size="sm">{t('login.intro')}</Text>
                  {search.loggedOut && !login.error && (
                    <Alert color="blue" role="status">
                      {t('shell.loggedOut')}
                    </Alert>
                  )}
                  <ErrorAlert error={login.error} />
                  <TextInput
                    label={t('login.email')}
                    type="email"
                    autoComplete="username"
                    required
                    value={values.email}
                    error={fieldErrors.email}
                    onChange={(event) => setValues({ ...values, email: event.currentTarget.value })}
                  />
                  <PasswordInput
                    label={t('login.password')}
                    autoComplete="current-password"
                    required
                    value={values.password}
                    error={fieldErrors.password}
                    onChange={(event) => setValues({ ...values, password: event.currentTarget.value })}
                  />
                  <Button type="submit" loading={login.isPending}>
                    {t('login.submit')}
                  </Button>
                </Stack>
              </form>
            </Paper>
          </Stack>
        </Center>
      </Container>
    </>
  );
}
