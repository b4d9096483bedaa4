import type { Role } from '@anliegen/shared';
import { lazy, Suspense, useState } from 'react';
import { useShortcut } from '../ui/use-shortcut';

// Loaded when Ctrl+K is first pressed (Mantine's Spotlight and the palette's texts).
const CommandPalette = lazy(() => import('./command-palette').then((module) => ({ default: module.CommandPalette })));

/**
 * Ctrl+K (⌘K) opens the command palette. Mounted with the header's menus (header-menus.tsx, loaded right after the
 * shell), so the inbox's first load carries none of it; the shortcut works from then on, on every page.
 */
export function CommandPaletteHost({ role }: { role: Role }) {
  const [open, setOpen] = useState(false);
  useShortcut('palette', () => setOpen(true));
  return open ? (
    <Suspense fallback={null}>
      <CommandPalette role={role} onClose={() => setOpen(false)} />
    </Suspense>
  ) : null;
}
