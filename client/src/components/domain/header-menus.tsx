import { LOCALES, type Locale, type Role } from '@anliegen/shared';
import { Menu, Text, useComputedColorScheme, useMantineColorScheme, type MenuProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconKeyboard, IconLogout, IconMoon, IconSettings, IconSun } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { lazy, type ReactElement, Suspense, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useI18n } from '../../i18n/i18n';
import { useHeld } from '../../lib/held-updates';
import { useMarkNotificationsRead, useNotifications } from '../../lib/notifications';
import { useSaveLocale } from '../../lib/session';
import { CommandPaletteHost } from './command-palette-host';
import { ColorSchemeToggle, LANGUAGE_NAMES, LanguageMenu } from './header-controls';

// The user menu's "Einstellungen" (the single-character shortcuts on or off), loaded when first opened.
const UserSettingsDialog = lazy(() =>
  import('../ui/user-settings-dialog').then((module) => ({ default: module.UserSettingsDialog })),
);

/*
 * The header's drop-down menus. Mantine's Menu brings floating-ui, so this module loads lazily right after the shell
 * has rendered (notification-bell.tsx, app-shell-layout.tsx): no page waits for it. Each menu gets its button as
 * `target`; until the module is here, the shell shows that button disabled.
 */

/**
 * The header's menus hang from the fixed header: when the page scrolls they stay with it. A menu taller than the room
 * below the header (320 × 256 px is 1280 px at 400 % zoom) is cut to that room and scrolls inside, so that its last
 * item ("Abmelden") comes into view when focused (WCAG 1.4.10, 2.4.7).
 */
const FITS_THE_WINDOW: Pick<MenuProps, 'middlewares' | 'styles'> = {
  middlewares: { flip: true, shift: true, size: { padding: 8 } },
  styles: { dropdown: { overflowY: 'auto' } },
};

/**
 * A box that scrolls must be reachable by keyboard (axe: scrollable-region-focusable), and Mantine keeps a menu's box
 * out of the tab order (tabindex -1, set after our props). The arrow keys still move through the items.
 */
function inTabOrder(element: HTMLDivElement | null) {
  element?.setAttribute('tabindex', '0');
}

/** Assignments, mentions and escalations; choosing one opens its case and marks it read. */
export function NotificationMenu({ target }: { target: ReactElement }) {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  // While the menu is open, new notifications wait at its end: the items never move under pointer or focus (issue 24).
  const [opened, setOpened] = useState(false);
  const held = useHeld(useNotifications().data, opened);
  const data = held.data;
  const dropdown = useRef<HTMLDivElement>(null);
  const markRead = useMarkNotificationsRead();
  const unread = data?.unread ?? 0;
  const items = data?.items ?? [];
  return (
    <Menu
      position="bottom-end"
      // 360 px, never wider than the window (320 px: WCAG 1.4.10).
      width="calc(min(22.5rem, 100vw - 1rem))"
      {...FITS_THE_WINDOW}
      withInitialFocusPlaceholder={false}
      opened={opened}
      onChange={setOpened}
    >
      <Menu.Target>{target}</Menu.Target>
      <Menu.Dropdown
        ref={(element) => {
          dropdown.current = element;
          inTabOrder(element);
        }}
      >
        <Menu.Label>{t('notifications.title')}</Menu.Label>
        {items.length === 0 && <Menu.Item disabled>{t('notifications.none')}</Menu.Item>}
        {items.map((item) => (
          <Menu.Item
            key={item.id}
            onClick={() => {
              if (item.readAt === null) markRead.mutate({ ids: [item.id] });
              // Another team's case (CASE_ACCESS=team) would only answer "not found".
              if (!item.restricted) void navigate({ to: '/cases/$reference', params: { reference: item.caseReference } });
            }}
          >
            <Text size="sm" fw={item.readAt === null ? 700 : 400}>
              {t(`notifications.kind.${item.kind}`, {
                actor: item.actorName ?? t('notifications.system'),
                reference: item.caseReference,
              })}
            </Text>
            <Text size="xs" c="dimmed">
              {item.restricted ? t('history.restricted', { team: item.teamName ?? '' }) : item.caseSubject} ·{' '}
              {formatDateTime(item.createdAt)}
            </Text>
          </Menu.Item>
        ))}
        {unread > 0 && (
          <>
            <Menu.Divider />
            <Menu.Item onClick={() => markRead.mutate({})}>{t('notifications.markAllRead')}</Menu.Item>
          </>
        )}
        {held.waiting && (
          <>
            <Menu.Divider />
            <Menu.Item
              closeMenuOnClick={false}
              onClick={() => {
                flushSync(() => held.apply());
                // The item goes once they show: the focus goes to the newest.
                dropdown.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
              }}
            >
              {t('notifications.showNew')}
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

/** The header's language switch and colour scheme toggle, from 62em on (app-shell-layout.tsx). */
export function HeaderControls() {
  return (
    <>
      <LanguageMenu signedIn />
      <ColorSchemeToggle />
    </>
  );
}

/**
 * Language and colour scheme inside the user menu, where the header is too narrow to show them (below 62em, the
 * width from which app-shell-layout.tsx shows them in the header). A menu opens on demand, so asking the media query
 * here makes no layout jump. The same accessible names as the header's controls.
 */
function NarrowHeaderItems() {
  const { t, locale, setLocale } = useI18n();
  const saveLocale = useSaveLocale();
  const { setColorScheme } = useMantineColorScheme();
  const current = useComputedColorScheme('light');
  const next = current === 'dark' ? 'light' : 'dark';
  return (
    <>
      <Menu.Divider />
      <Menu.Label>{t('shell.language')}</Menu.Label>
      <Menu.RadioGroup
        value={locale}
        onChange={(value) => {
          setLocale(value as Locale);
          saveLocale.mutate({ locale: value as Locale });
        }}
      >
        {LOCALES.map((value) => (
          <Menu.RadioItem key={value} value={value} lang={value}>
            {LANGUAGE_NAMES[value]}
          </Menu.RadioItem>
        ))}
      </Menu.RadioGroup>
      <Menu.Divider />
      <Menu.Item
        closeMenuOnClick={false}
        leftSection={current === 'dark' ? <IconSun size={16} aria-hidden /> : <IconMoon size={16} aria-hidden />}
        onClick={() => setColorScheme(next)}
      >
        {`${t('shell.colorScheme')}: ${t(`shell.colorScheme.${next}`)}`}
      </Menu.Item>
      <Menu.Divider />
    </>
  );
}

/**
 * The signed-in user's role, their settings (the single-character shortcuts on or off), the shortcuts' help (the way
 * to it while `?` is off) and the way out (below 62em also language and colour scheme); with it (mounted once per
 * signed-in page), Ctrl+K's palette.
 */
export function UserMenu({
  target,
  role,
  onLogout,
  onShortcuts,
}: {
  target: ReactElement;
  role: Role;
  onLogout: () => void;
  onShortcuts: () => void;
}) {
  const { t } = useI18n();
  const [settings, setSettings] = useState(false);
  const narrow = !useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  return (
    <>
      <CommandPaletteHost role={role} />
      {/* Without Mantine's focus placeholder (a focusable "presentation" element axe refuses inside a menu). */}
      <Menu position="bottom-end" {...FITS_THE_WINDOW} withInitialFocusPlaceholder={false}>
        <Menu.Target>{target}</Menu.Target>
        <Menu.Dropdown ref={inTabOrder}>
          <Menu.Label>{t(`roles.${role}`)}</Menu.Label>
          {narrow && <NarrowHeaderItems />}
          <Menu.Item leftSection={<IconSettings size={16} aria-hidden />} onClick={() => setSettings(true)}>
            {t('shell.settings')}
          </Menu.Item>
          <Menu.Item leftSection={<IconKeyboard size={16} aria-hidden />} onClick={onShortcuts}>
            {t('shell.shortcuts')}
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={onLogout}>
            {t('shell.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {settings && (
        <Suspense fallback={null}>
          <UserSettingsDialog onClose={() => setSettings(false)} />
        </Suspense>
      )}
    </>
  );
}
