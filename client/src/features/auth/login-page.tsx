import { loginInput } from '@anliegen/shared';
import { Alert, Button, Center, Container, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi, useNavigate, useRouter } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { ColorSchemeToggle, LanguageSelect } from '../../components/header-controls';
import { usePageTitle } from '../../components/use-page-title';
import { usePageI18n } from '../../i18n/page-i18n';
import { meQuery, safeRedirectTarget } from '../../lib/auth';
import { queryClient, trpc } from '../../lib/trpc';
import { fieldErrorsOf, type FieldErrors } from '../../lib/validate';

const route = getRouteApi('/login');

export function LoginPage() {
  const { t } = usePageI18n();
  const search = route.useSearch();
  const navigate = useNavigate();
  const router = useRouter();
  const [values, setValues] = useState({ email: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  usePageTitle(t('login.title'));

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async (user) => {
        queryClient.setQueryData(meQuery().queryKey, user);
        await router.invalidate();
        await navigate({ to: safeRedirectTarget(search.redirect) });
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = fieldErrorsOf(loginInput, values, t);
    setFieldErrors(errors ?? {});
    if (!errors) login.mutate(values);
  };

  return (
    <>
      <Group component="header" justify="flex-end" p="md" gap="xs">
        <LanguageSelect signedIn={false} />
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
