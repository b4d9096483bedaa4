import { CASEWORKER_ROLES, type Role } from '@anliegen/shared';
import type { EntryKey } from '../../i18n/i18n';

export interface NavItem {
  to:
    | '/'
    | '/cases'
    | '/team'
    | '/statistics'
    | '/capture'
    | '/citizens'
    | '/canned-responses'
    | '/admin/users'
    | '/admin/teams'
    | '/admin/routing'
    | '/admin/sla'
    | '/admin/tags'
    | '/admin/impact'
    | '/admin/audit'
    | '/admin/privacy';
  label: EntryKey;
  roles: readonly Role[];
  group?: EntryKey;
}

const everyone: readonly Role[] = ['agent', 'team_lead', 'supervisor', 'admin'];

/** The navigation per role: one list, filtered by the signed-in user's role. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'nav.overview', roles: everyone },
  { to: '/cases', label: 'nav.inbox', roles: CASEWORKER_ROLES },
  { to: '/team', label: 'nav.team', roles: ['team_lead'] },
  { to: '/statistics', label: 'nav.statistics', roles: ['team_lead', 'supervisor', 'admin'] },
  { to: '/capture', label: 'nav.capture', roles: CASEWORKER_ROLES },
  { to: '/citizens', label: 'nav.citizens', roles: CASEWORKER_ROLES },
  { to: '/canned-responses', label: 'nav.cannedResponses', roles: ['team_lead', 'admin'] },
  { to: '/admin/users', label: 'nav.users', roles: ['admin'], group: 'nav.admin' },
  { to: '/admin/teams', label: 'nav.teams', roles: ['admin'], group: 'nav.admin' },
  { to: '/admin/routing', label: 'nav.routing', roles: ['admin'], group: 'nav.admin' },
  { to: '/admin/sla', label: 'nav.sla', roles: ['admin'], group: 'nav.admin' },
  { to: '/admin/tags', label: 'nav.tags', roles: ['admin'], group: 'nav.admin' },
  { to: '/admin/impact', label: 'nav.impact', roles: ['admin'], group: 'nav.admin' },
  { to: '/admin/audit', label: 'nav.audit', roles: ['admin'], group: 'nav.admin' },
  { to: '/admin/privacy', label: 'nav.privacy', roles: ['admin'], group: 'nav.admin' },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
