import { isCaseworker } from '@anliegen/shared';
import { Anchor, AppShell, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, Outlet, useLocation } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { meQuery } from '../../lib/auth';
import { useLogout } from '../../lib/session';
import { useLiveUpdates } from '../../lib/live';
import { useShortcut } from '../ui/use-shortcut';
import classes from './app-shell-layout.module.css';
import { ColorSchemeToggle, LanguageSelect } from './header-controls';
import { navItemsFor } from './nav-items';
import { NotificationBell } from './notification-bell';
import { SearchBox } from './search-box';

const UserMenu = lazy(() => import('./header-menus').then((module) => ({ default: module.UserMenu })));
const MailNotice = lazy(() => import('./mail-notice').then((module) => ({ default: module.MailNotice })));
// Loaded when `?` is first pressed: the inbox's first load does not carry it.
const ShortcutHelp = lazy(() => import('../ui/shortcut-help').then((module) => ({ default: module.ShortcutHelp })));

/** The signed-in frame: header with language, colour scheme and user menu; navigation by role; the page. */
export function AppShellLayout() {
  const { t, locale, chosenOnDevice, setLocale } = useI18n();
  const me = useSuspenseQuery(meQuery()).data;
  useLiveUpdates(me ? isCaseworker(me.role) : false);
  const [navOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure();
  const { pathname } = useLocation();
  const [shortcutHelp, setShortcutHelp] = useState(false);
  useShortcut('help', () => setShortcutHelp(true));

  // The profile's language applies unless this device has its own choice.
  useEffect(() => {
    if (me && !chosenOnDevice && me.locale !== locale) setLocale(me.locale);
  }, [me, chosenOnDevice, locale, setLocale]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the mobile navigation closes whenever the page changes
  useEffect(closeNav, [pathname, closeNav]);

  const logout = useLogout();

  if (!me) return null;
  const items = navItemsFor(me.role);
  const groups = [...new Set(items.map((item) => item.group))];
  const userButton = (disabled: boolean) => (
    <Button
      variant="subtle"
      rightSection={<IconChevronDown size={16} aria-hidden />}
      aria-label={t('shell.userMenu', { name: me.displayName })}
      disabled={disabled}
    >
      <Text size="sm" truncate maw={180}>
        {me.displayName}
      </Text>
    </Button>
  );

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpen } }} padding="md">
      <a href="#main" className={classes.skipLink}>
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpen} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Anchor component={Link} to="/" fw={700} size="lg" c="var(--mantine-color-text)" underline="hover">
              {t('app.name')}
            </Anchor>
            <Text size="sm" c="dimmed" visibleFrom="sm">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {isCaseworker(me.role) && <SearchBox />}
            {isCaseworker(me.role) && <NotificationBell />}
            <LanguageSelect signedIn />
            <ColorSchemeToggle />
            <Suspense fallback={userButton(true)}>
              <UserMenu target={userButton(false)} role={me.role} onLogout={() => logout.mutate()} />
            </Suspense>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        <Stack gap="md">
          {groups.map((group) => (
            <div key={group ?? 'main'}>
              {group && (
                <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mb={4}>
                  {t(group)}
                </Text>
              )}
              {items
                .filter((item) => item.group === group)
                .map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={t(item.label)}
                    active={item.to === '/' ? pathname === '/' : pathname.startsWith(item.to)}
                  />
                ))}
            </div>
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        {me.role === 'admin' && (
          <Suspense fallback={null}>
            <MailNotice />
          </Suspense>
        )}
        <Outlet />
      </AppShell.Main>
      {shortcutHelp && (
        <Suspense fallback={null}>
          <ShortcutHelp onClose={() => setShortcutHelp(false)} />
        </Suspense>
      )}
    </AppShell>
  );
}
