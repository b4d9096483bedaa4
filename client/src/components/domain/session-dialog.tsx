import { loginInput } from '@anliegen/shared';
import { Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';
import { clearFormDrafts } from '../../lib/form-draft';
import { useLogout } from '../../lib/session';
import { useSignInAgain } from '../../lib/sign-in-again';
import { queryClient } from '../../lib/trpc';
import { fieldErrorsOf, type FieldErrors } from '../../lib/validate';
import { useFocusReturnOnUnmount } from '../ui/dialog';
import { ErrorAlert } from '../ui/error-alert';
import type { SessionState } from './session-guard';

/**
 * Mantine closes every open modal on Escape (a window listener each) unless the key's target carries this: the
 * dialog that the sign-in opened over (a half-written forward, say) must stay open with what was typed in it.
 */
const KEEP_OTHER_DIALOGS = { 'data-mantine-stop-propagation': 'true' } as const;

/** "2 Minuten", "1 Minute", "40 Sekunden". */
function useTimeLeft(endsAt: number | null): { key: 'session.time.minutes' | 'session.time.seconds'; n: number } {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (endsAt === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, [endsAt]);
  const seconds = Math.max(0, Math.ceil(((endsAt ?? now) - now) / 1_000));
  if (seconds < 60) return { key: 'session.time.seconds', n: seconds };
  return { key: 'session.time.minutes', n: Math.ceil(seconds / 60) };
}

/**
 * The warning before the session ends (an alert dialog that takes the focus: "Angemeldet bleiben", or "Verstanden"
 * before the hard limit) and, once it has ended, the sign-in over the page. One dialog for both, so that the focus
 * goes back to where the user was (the reply text with its caret, say) when it closes.
 */
export default function SessionDialog({
  state,
  email,
  name,
  onExtend,
  onDismiss,
  onSignedIn,
}: {
  state: Exclude<SessionState, { kind: 'ok' }>;
  email: string;
  name: string;
  onExtend: () => Promise<void>;
  onDismiss: () => void;
  onSignedIn: () => void;
}) {
  const { t } = usePageI18n();
  useFocusReturnOnUnmount();
  const [extending, setExtending] = useState(false);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const passwordField = useRef<HTMLInputElement>(null);
  const logout = useLogout();
  const login = useSignInAgain({ onSignedIn });
  const warning = state.kind === 'warn' ? state : null;
  const time = useTimeLeft(warning?.endsAt ?? null);
  // From the warning to the sign-in: the warning's buttons are gone, the focus goes to the password.
  useEffect(() => {
    if (state.kind === 'ended') passwordField.current?.focus();
  }, [state.kind]);

  const extend = async () => {
    setExtending(true);
    await onExtend();
    setExtending(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = fieldErrorsOf(loginInput, { email, password }, t);
    setErrors(found ?? {});
    if (!found) login.mutate({ email, password });
  };

  const title = warning ? (warning.final ? 'session.final.title' : 'session.warning.title') : 'session.ended.title';
  return (
    <Modal.Root
      opened
      onClose={() => undefined}
      closeOnEscape={false}
      closeOnClickOutside={false}
      returnFocus={false}
      zIndex={1000}
      id="session-dialog"
    >
      <Modal.Overlay />
      <Modal.Content
        // Mantine's modal is a "dialog"; the warning interrupts, so it is an alert dialog (announced at once).
        ref={(node) => node?.setAttribute('role', warning ? 'alertdialog' : 'dialog')}
      >
        {/* biome-ignore lint/a11y/noStaticElementInteractions: Escape from any of the dialog's controls */}
        <div
          onKeyDown={(event) => {
            // Escape on the warning is a sign of life: stay signed in (the hard limit's notice just closes).
            if (event.key !== 'Escape' || !warning) return;
            if (warning.final) onDismiss();
            else void extend();
          }}
        >
          <Modal.Header>
            <Modal.Title fw={700}>{t(title)}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Text>
              {warning
                ? t(warning.final ? 'session.final.text' : 'session.warning.text', { time: t(time.key, { n: time.n }) })
                : t('session.ended.text')}
            </Text>
          </Modal.Body>
          {warning ? (
            <Group justify="flex-end" px="md" pb="md">
              <Button
                variant="default"
                onClick={() => {
                  clearFormDrafts();
                  logout.mutate();
                }}
                {...KEEP_OTHER_DIALOGS}
              >
                {t('shell.logout')}
              </Button>
              {warning.final ? (
                <Button onClick={onDismiss} data-autofocus {...KEEP_OTHER_DIALOGS}>
                  {t('session.understood')}
                </Button>
              ) : (
                <Button onClick={() => void extend()} loading={extending} data-autofocus {...KEEP_OTHER_DIALOGS}>
                  {t('session.stay')}
                </Button>
              )}
            </Group>
          ) : (
            <form onSubmit={submit} noValidate>
              <Stack px="md" pb="md">
                <ErrorAlert error={login.error} />
                <TextInput
                  label={t('login.email')}
                  description={name}
                  value={email}
                  readOnly
                  autoComplete="username"
                  {...KEEP_OTHER_DIALOGS}
                />
                <PasswordInput
                  ref={passwordField}
                  label={t('login.password')}
                  autoComplete="current-password"
                  required
                  value={password}
                  error={errors.password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  data-autofocus
                  {...KEEP_OTHER_DIALOGS}
                />
                <Group justify="flex-end">
                  <Button
                    variant="default"
                    onClick={() => {
                      // The session is gone already: leave for the login page; what was typed here is given up.
                      clearFormDrafts();
                      queryClient.clear();
                      window.location.assign('/login');
                    }}
                    {...KEEP_OTHER_DIALOGS}
                  >
                    {t('shell.logout')}
                  </Button>
                  <Button type="submit" loading={login.isPending} {...KEEP_OTHER_DIALOGS}>
                    {t('login.submit')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </div>
      </Modal.Content>
    </Modal.Root>
  );
}
