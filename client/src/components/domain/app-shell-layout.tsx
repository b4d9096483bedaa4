import { isCaseworker } from '@anliegen/shared';
import { Anchor, AppShell, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconUserCircle } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, Outlet, useLocation } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useLayoutEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { meQuery } from '../../lib/auth';
import { useLogout } from '../../lib/session';
import { useLiveUpdates } from '../../lib/live';
import { useDatabaseOutage } from '../../lib/outage';
import { setCharacterShortcuts } from '../ui/shortcuts';
import { useShortcut } from '../ui/use-shortcut';
import classes from './app-shell-layout.module.css';
import { navItemsFor } from './nav-items';
import { NotificationBell } from './notification-bell';
import { SearchBox } from './search-box';

const UserMenu = lazy(() => import('./header-menus').then((module) => ({ default: module.UserMenu })));
// Language and colour scheme come with the menus (the inbox's first load does not carry them); below 62em they are
// in the user menu instead.
const HeaderControls = lazy(() => import('./header-menus').then((module) => ({ default: module.HeaderControls })));
const MailNotice = lazy(() => import('./mail-notice').then((module) => ({ default: module.MailNotice })));
// Loaded at the first answer that the database is away: the inbox's first load does not carry it.
const OutageBanner = lazy(() => import('./outage-banner').then((module) => ({ default: module.OutageBanner })));
// The warning before the session ends and the sign-in over the page (WCAG 2.2.1): loaded right after the shell.
const SessionGuard = lazy(() => import('./session-guard').then((module) => ({ default: module.SessionGuard })));
// Loaded when `?` is first pressed: the inbox's first load does not carry it.
const ShortcutHelp = lazy(() => import('../ui/shortcut-help').then((module) => ({ default: module.ShortcutHelp })));

/**
 * The signed-in frame: header with search, bell, language, colour scheme and user menu; navigation by role; the page.
 * Below 62em (phones and tablets) the navigation is a drawer behind the burger, the search an icon that opens its
 * field over the header, the user menu an icon, and language and colour scheme move into the user menu.
 */
export function AppShellLayout() {
  const { t, locale, chosenOnDevice, setLocale } = useI18n();
  const me = useSuspenseQuery(meQuery()).data;
  useLiveUpdates(me ? isCaseworker(me.role) : false);
  const [navOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure();
  const { pathname } = useLocation();
  const [shortcutHelp, setShortcutHelp] = useState(false);
  const outage = useDatabaseOutage();
  // Once shown, the banner stays mounted: it says when the database is back.
  const [outageSeen, setOutageSeen] = useState(false);
  if (outage && !outageSeen) setOutageSeen(true);
  useShortcut('help', () => setShortcutHelp(true));
  // The user's setting gates every single-character shortcut (shortcuts.ts), from before the page's first key.
  useLayoutEffect(() => setCharacterShortcuts(me?.characterShortcuts ?? true), [me?.characterShortcuts]);

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
      px="xs"
      rightSection={<IconChevronDown size={16} aria-hidden />}
      aria-label={t('shell.userMenu', { name: me.displayName })}
      disabled={disabled}
      classNames={{ root: classes.userButton, label: classes.userButtonLabel }}
    >
      {/* The whole name, on two lines if it must (never cut: WCAG 1.4.12). */}
      <Text size="sm" component="span" visibleFrom="md" className={classes.userName}>
        {me.displayName}
      </Text>
      <IconUserCircle size={22} aria-hidden className={classes.narrowOnly} />
    </Button>
  );

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'md', collapsed: { mobile: !navOpen } }} padding="md">
      <a href="#main" className={classes.skipLink}>
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" justify="space-between" wrap="nowrap" className={classes.headerBar}>
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={toggleNav}
              hiddenFrom="md"
              size="sm"
              aria-label={t('nav.toggle')}
              aria-expanded={navOpen}
              aria-controls="main-navigation"
            />
            <Anchor component={Link} to="/" fw={700} size="lg" c="var(--mantine-color-text)" underline="hover">
              {t('app.name')}
            </Anchor>
            <Text size="sm" c="dimmed" visibleFrom="lg">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {isCaseworker(me.role) && <SearchBox />}
            {isCaseworker(me.role) && <NotificationBell />}
            {/* In the user menu below 62em (header-menus.tsx). */}
            <Group gap="xs" wrap="nowrap" visibleFrom="md" miw={140}>
              <Suspense fallback={null}>
                <HeaderControls />
              </Suspense>
            </Group>
            <Suspense fallback={userButton(true)}>
              <UserMenu
                target={userButton(false)}
                role={me.role}
                onLogout={() => logout.mutate()}
                onShortcuts={() => setShortcutHelp(true)}
              />
            </Suspense>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p="xs"
        component="nav"
        id="main-navigation"
        aria-label={t('nav.main')}
        className={classes.navbar}
        data-open={navOpen || undefined}
      >
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
        {outageSeen && (
          <Suspense fallback={null}>
            <OutageBanner down={outage} />
          </Suspense>
        )}
        {me.role === 'admin' && (
          <Suspense fallback={null}>
            <MailNotice />
          </Suspense>
        )}
        <Outlet />
      </AppShell.Main>
      <Suspense fallback={null}>
        <SessionGuard userId={me.id} email={me.email} name={me.displayName} />
      </Suspense>
      {shortcutHelp && (
        <Suspense fallback={null}>
          <ShortcutHelp onClose={() => setShortcutHelp(false)} />
        </Suspense>
      )}
    </AppShell>
  );
}
