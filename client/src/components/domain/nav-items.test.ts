import { describe, expect, it } from 'vitest';
import { NAV_ITEMS, navItemsFor } from './nav-items';

const paths = (role: Parameters<typeof navItemsFor>[0]) => navItemsFor(role).map((item) => item.to);

describe('navItemsFor', () => {
  it('gives agents their casework and nothing to manage', () => {
    expect(paths('agent')).toEqual(['/', '/cases', '/capture', '/citizens']);
  });

  it('adds the team board, statistics and canned responses for team leads', () => {
    expect(paths('team_lead')).toEqual(['/', '/cases', '/team', '/statistics', '/capture', '/citizens', '/canned-responses']);
  });

  it('gives supervisors the overview and statistics only', () => {
    expect(paths('supervisor')).toEqual(['/', '/statistics']);
  });

  it('gives admins the administration, grouped, and no casework', () => {
    const items = navItemsFor('admin');
    expect(items.map((item) => item.to)).toEqual([
      '/',
      '/statistics',
      '/canned-responses',
      '/admin/users',
      '/admin/teams',
      '/admin/routing',
      '/admin/sla',
      '/admin/tags',
      '/admin/impact',
      '/admin/audit',
      '/admin/privacy',
    ]);
    expect(items.filter((item) => item.to.startsWith('/admin')).every((item) => item.group === 'nav.admin')).toBe(true);
  });

  it('shows every page to someone', () => {
    const roles = ['agent', 'team_lead', 'supervisor', 'admin'] as const;
    for (const item of NAV_ITEMS) expect(roles.some((role) => navItemsFor(role).includes(item))).toBe(true);
  });
});
