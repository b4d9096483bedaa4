import { berlinParts, foldName as fold, isCaseworker, referencesMeant, type Role } from '@anliegen/shared';
import type { EntryKey } from '../../i18n/i18n';
import { type NavItem, navItemsFor } from './nav-items';

/** What a choice in the command palette does: open a page, a case, or the search's results. */
export type PaletteTarget =
  | { kind: 'page'; to: NavItem['to'] }
  | { kind: 'case'; reference: string }
  | { kind: 'search'; q: string };

export interface PaletteAction {
  id: string;
  /** A page's navigation text; a case or search names its reference or text in the palette's own words. */
  label: { key: EntryKey } | { case: string } | { search: string };
  target: PaletteTarget;
}

/**
 * "a-2026-123", "A 2026 000123", "123/2026" or "2026-123" as the one reference it means, else null: the search's
 * reading (referencesMeant); a serial alone may mean a case of several years, so the palette offers the search.
 */
export function caseReferenceIn(query: string, now = Date.now()): string | null {
  const meant = referencesMeant(query, berlinParts(now).year);
  return meant.length === 1 ? (meant[0] ?? null) : null;
}

/**
 * The palette's choices for what was typed, in the order shown: a case reference first (it is what was meant), then
 * the pages the role may open whose name matches (spelling-insensitive: "ubersicht" finds "Übersicht"), then a search
 * for the text. Caseworkers only get cases and search (the other roles have neither). Nothing typed: every page.
 */
export function paletteActions(query: string, role: Role, label: (key: EntryKey) => string): PaletteAction[] {
  const text = query.trim();
  const folded = fold(text);
  const actions: PaletteAction[] = [];
  const caseworker = isCaseworker(role);
  const reference = caseworker ? caseReferenceIn(text) : null;
  if (reference) actions.push({ id: `case:${reference}`, label: { case: reference }, target: { kind: 'case', reference } });
  for (const item of navItemsFor(role)) {
    const name = label(item.label);
    const group = item.group ? label(item.group) : '';
    if (folded && !fold(`${name} ${group}`).includes(folded)) continue;
    actions.push({ id: `page:${item.to}`, label: { key: item.label }, target: { kind: 'page', to: item.to } });
  }
  if (caseworker && text) actions.push({ id: 'search', label: { search: text }, target: { kind: 'search', q: text } });
  return actions;
}
