import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CASEWORKER_ROLES } from '@anliegen/shared';
import { assertRole, ForbiddenPageError, placeOfRole, reportCaughtError, safeRedirectTarget } from './auth';

describe('safeRedirectTarget', () => {
  it('follows paths within the app, with their search and hash', () => {
    expect(safeRedirectTarget('/cases/A-2026-000123')).toBe('/cases/A-2026-000123');
    expect(safeRedirectTarget('/search?q=status%3Aopen#top')).toBe('/search?q=status%3Aopen#top');
  });

  it('goes to the start page instead of leaving the app (no open redirect)', () => {
    for (const target of [undefined, '', 'https://evil.example', '//evil.example/path', 'javascript:alert(1)', 'cases']) {
      expect(safeRedirectTarget(target)).toBe('/');
    }
  });

  it('refuses paths a browser reads as another site (backslash, tab or newline after the slash)', () => {
    for (const target of ['/\\evil.example', '/\\/evil.example', '/\t/evil.example', '/\n/evil.example', '/\r\n//evil.example']) {
      expect(safeRedirectTarget(target)).toBe('/');
    }
  });

  it('always gives a path that stays on this site, and follows plain paths unchanged', () => {
    const site = 'https://anliegen.musterstadt.example';
    fc.assert(
      fc.property(
        fc.option(
          fc.oneof(
            fc.string(),
            fc.tuple(fc.constantFrom('/', '//', '/\\', '/\t/', '/\n', '\\/'), fc.string()).map(([start, rest]) => start + rest),
          ),
          { nil: undefined },
        ),
        (target) => {
          const result = safeRedirectTarget(target);
          expect(result.startsWith('/')).toBe(true);
          expect(new URL(result, site).origin).toBe(site);
          if (target !== undefined && /^\/[\w\-./?=&%#:]*$/.test(target) && !target.startsWith('//')) expect(result).toBe(target);
        },
      ),
    );
  });
});

describe('assertRole', () => {
  it('lets allowed roles through and stops the others with a page error', () => {
    expect(() => assertRole('admin', ['admin'])).not.toThrow();
    expect(() => assertRole('agent', ['team_lead', 'admin'])).toThrow(ForbiddenPageError);
  });

  it('names who was refused and who may open the page, for the "Kein Zugriff" page to say why (issue 16)', () => {
    const refusal = (() => {
      try {
        assertRole('supervisor', CASEWORKER_ROLES);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(ForbiddenPageError);
    expect(refusal).toMatchObject({ role: 'supervisor', allowed: ['agent', 'team_lead'] });
  });
});

describe('placeOfRole', () => {
  it('sends someone a page refused to where their role works: statistics, administration, or the inbox', () => {
    expect(placeOfRole('supervisor')).toEqual({ to: '/statistics', label: 'forbidden.goStatistics' });
    expect(placeOfRole('admin')).toEqual({ to: '/admin/users', label: 'forbidden.goAdmin' });
    expect(placeOfRole('agent')).toEqual({ to: '/cases', label: 'forbidden.goInbox' });
    expect(placeOfRole('team_lead')).toEqual({ to: '/cases', label: 'forbidden.goInbox' });
  });
});

describe('reportCaughtError', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps the console quiet for a page the role may not open, which the error view answers (issue 16)', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    reportCaughtError(new ForbiddenPageError('supervisor', ['agent', 'team_lead']));
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('reports every other error a page failed with, as React does', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failure = new Error('boom');
    reportCaughtError(failure);
    expect(consoleError).toHaveBeenCalledWith(failure);
  });
});
