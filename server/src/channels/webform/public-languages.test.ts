import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Html, html } from './html.js';
import { accessibilityStatementPage, barrierReportPage } from './accessibility.pages.js';
import { chooseLang, negotiateLang, PUBLIC_LANGS, type PublicLang } from './public-lang.js';
import { missingKeys, onGermanStandIn, publicTexts } from './public-texts.js';
import { statementOf } from './accessibility.routes.js';
import { testEnv } from '../../test/test-env.js';
import { formPage, messagePage, type PageContext, statusPage, statusUnavailablePage } from './webform.pages.js';
import { webformTexts, type WebformTextKey } from './webform.texts.js';

/*
 * The citizens' pages in seven languages (issue 18). German (webform.texts.ts) is the source of keys; every other
 * language's dictionary (English there, the others in texts/*.texts.ts) must have every key, with the same
 * placeholders. A key without translation shows in German (public-texts.ts); these tests fail until it has one and
 * say which keys each language lacks.
 */

const german = webformTexts.de;
const KEYS = Object.keys(german) as WebformTextKey[];
const OTHER_LANGS = PUBLIC_LANGS.filter((lang) => lang !== 'de');
const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((match) => match[1])
    .sort()
    .join(',');

describe('every language has every text', () => {
  it.each(OTHER_LANGS)('%s has every key of German (the list says what is missing)', (lang) => {
    expect({ lang, missing: missingKeys(lang) }).toEqual({ lang, missing: [] });
  });

  it.each(OTHER_LANGS)('%s neither drops nor invents a {placeholder}', (lang) => {
    const differing = KEYS.flatMap((key) => {
      const text = publicTexts[lang][key];
      return text !== undefined && placeholders(text) !== placeholders(german[key])
        ? [`${key}: {${placeholders(german[key])}} → {${placeholders(text)}}`]
        : [];
    });
    expect(differing).toEqual([]);
  });

  it.each(OTHER_LANGS)('%s has no keys German does not have', (lang) => {
    expect(Object.keys(publicTexts[lang]).filter((key) => !(key in german))).toEqual([]);
  });
});

describe('choosing the language', () => {
  it.each([
    [undefined, 'de'],
    ['', 'de'],
    ['*', 'de'],
    ['tr-TR,tr;q=0.9,en-US;q=0.8,en;q=0.7', 'tr'],
    ['ar-EG', 'ar'],
    ['ar-SA,ar;q=0.9', 'ar'],
    ['uk', 'uk'],
    ['uk-UA,uk;q=0.9,ru;q=0.8', 'uk'],
    ['ru-RU,ru;q=0.9', 'ru'],
    ['en-GB,en;q=0.9', 'en'],
    ['en-US', 'en'],
    ['de-AT', 'de'],
    ['de-CH, en;q=0.5', 'de'],
    // q-values decide, not the order; q=0 means "not this one".
    ['en;q=0.3, ru;q=0.8', 'ru'],
    ['ru;q=0, en;q=0.1', 'en'],
    ['fr-FR, ru;q=0.4', 'ru'],
    // None of ours: German.
    ['fr-FR,fr;q=0.9', 'de'],
    ['zh-CN', 'de'],
    // Leichte Sprache only when asked for by its own tag; plain German never gets it.
    ['de', 'de'],
    ['de-x-ls', 'de-x-ls'],
    ['garbage;;;q=oops, ,', 'de'],
  ])('Accept-Language %j → %s', (header, expected) => {
    expect(negotiateLang(header)).toBe(expected);
  });

  it('never throws on any header and always answers one of our languages', { timeout: 20_000 }, () => {
    const tag = fc.oneof(
      fc.constantFrom('de', 'en', 'tr', 'ar', 'uk', 'ru', 'fr', 'de-x-ls', 'tr-TR', 'ar-EG', 'en-GB', '*', 'x', ''),
      fc.string({ maxLength: 12 }),
    );
    const weighted = fc
      .tuple(tag, fc.option(fc.oneof(fc.double({ noNaN: false }).map(String), fc.string({ maxLength: 5 }))))
      .map(([name, q]) => (q === null ? name : `${name};q=${q}`));
    const header = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.array(weighted, { maxLength: 8 }).map((parts) => parts.join(',')),
    );
    fc.assert(
      fc.property(header, (value) => {
        expect(PUBLIC_LANGS).toContain(negotiateLang(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('takes ?lang= before the header, ignores an unknown or malformed one, and reads it in any case', () => {
    expect(chooseLang('uk', 'ar-EG')).toBe('uk');
    expect(chooseLang('TR', undefined)).toBe('tr');
    expect(chooseLang('de-x-ls', 'en')).toBe('de-x-ls');
    expect(chooseLang('fr', 'ar-EG')).toBe('ar');
    expect(chooseLang('fr', undefined)).toBe('de');
    expect(chooseLang(['en', 'tr'], 'ru')).toBe('ru');
    fc.assert(
      fc.property(fc.anything(), fc.option(fc.string(), { nil: undefined }), (query, header) => {
        expect(PUBLIC_LANGS).toContain(chooseLang(query, header));
      }),
    );
  });
});

const contextIn = (lang: PublicLang): PageContext => ({
  lang,
  languageUrls: Object.fromEntries(
    PUBLIC_LANGS.map((other) => [other, `/anliegen?lang=${other}`]),
  ) as PageContext['languageUrls'],
});

/**
 * Every public page, rendered from its function. The other parts of issue 18 add theirs here (the feedback pages,
 * /anliegen/kennzahlen, the status link's renewal and invalid-link pages, the conversation's HTML download).
 */
const PUBLIC_PAGES: Record<string, (ctx: PageContext) => Html> = {
  form: (ctx) =>
    formPage(ctx, {
      categories: [{ id: 1, name: 'Straßen' }],
      values: {},
      errors: {},
      formToken: 'token',
      privacyUrl: '/anliegen/datenschutz',
      action: '/anliegen',
    }),
  'form with every error and the outage notice': (ctx) =>
    formPage(ctx, {
      categories: [],
      values: { name: 'E' },
      errors: {
        _form: 'webform.tooFast',
        name: 'webform.name',
        email: 'webform.email',
        phone: 'webform.phone',
        categoryId: 'webform.category',
        text: 'webform.textLong',
        files: 'webform.file',
        consent: 'webform.consent',
      },
      formToken: 'token',
      privacyUrl: '/anliegen/datenschutz',
      action: '/anliegen',
      outage: { message: 'outageNotSaved', phone: '030 1234-5678', filesAgain: true },
    }),
  confirmation: (ctx) =>
    statusPage(ctx, {
      reference: '2026-00042',
      subject: 'Straßen: Schlagloch',
      status: 'waiting_citizen',
      createdAt: Date.UTC(2026, 2, 1, 13, 5),
      conversation: html``,
      replyAction: '/anliegen/status/x',
      replied: true,
      justSubmitted: { statusUrl: 'https://anliegen.example/anliegen/status/x', mailSent: true },
    }),
  'status with a reply error': (ctx) =>
    statusPage(ctx, {
      reference: '2026-00042',
      subject: 'Straßen: Schlagloch',
      status: 'resolved',
      createdAt: Date.UTC(2026, 2, 1, 13, 5),
      conversation: html``,
      replyAction: '/anliegen/status/x',
      replyError: 'webform.reply',
      replyValue: 'x',
    }),
  'status while the database is away': (ctx) =>
    statusUnavailablePage(ctx, { phone: undefined, reply: { action: '/anliegen/status/x', value: 'Hallo' } }),
  privacy: (ctx) => messagePage(ctx, 'privacyTitle', 'privacyText'),
  'invalid link': (ctx) => messagePage(ctx, 'notFoundTitle', 'notFound'),
  'too many requests': (ctx) => messagePage(ctx, 'errorTitle', 'rateLimited'),
  'accessibility statement': (ctx) =>
    accessibilityStatementPage(
      ctx,
      statementOf(
        testEnv({ ACCESSIBILITY_REVIEWED_DATE: '2027-01-15', ACCESSIBILITY_CONTACT_EMAIL: 'barrierefrei@musterstadt.example' }),
      ),
      '/anliegen/barrierefreiheit/melden',
    ),
  'barrier report with errors': (ctx) =>
    barrierReportPage(ctx, {
      values: {},
      errors: { what: 'barrier.whatError', where: 'barrier.whereLong', name: 'barrier.nameLong', phone: 'webform.phone' },
      formToken: 'token',
      action: '/anliegen/barrierefreiheit/melden',
      privacyUrl: '/anliegen/datenschutz',
      outage: { message: 'outageBefore', phone: undefined, calm: true },
    }),
};

describe('every public page in every language', () => {
  const cases = Object.keys(PUBLIC_PAGES).flatMap((page) => PUBLIC_LANGS.map((lang) => [page, lang] as const));

  it.each(cases)('%s in %s: every text in the language, its direction, no unfilled placeholder', (page, lang) => {
    const standIns: string[] = [];
    const stopListening = onGermanStandIn((_lang, key) => standIns.push(key));
    const rendered = (() => {
      try {
        return PUBLIC_PAGES[page]!(contextIn(lang)).value;
      } finally {
        stopListening();
      }
    })();
    // A text the language lacks shows in German: the page names which.
    expect({ page, lang, standIns }).toEqual({ page, lang, standIns: [] });
    expect(rendered).toContain(
      lang === 'ar' ? '<html lang="ar" dir="rtl">' : `<html lang="${lang === 'de-x-ls' ? 'de' : lang}" dir="ltr"`,
    );
    expect(rendered.match(/\{\w+\}/g) ?? []).toEqual([]);
    // The language switch: every language named in itself, with its lang and hreflang; the current one marked.
    expect(rendered.match(/<a [^>]*hreflang=/g)).toHaveLength(PUBLIC_LANGS.length);
    expect(rendered).toMatch(new RegExp(`hreflang="${lang}" aria-current="true"`));
    expect(rendered.match(/aria-current="true"/g)).toHaveLength(1);
    // The footer leads to the Erklärung zur Barrierefreiheit and its report form, in the page's language.
    expect(rendered).toContain(`href="/anliegen/barrierefreiheit?lang=${lang}"`);
    expect(rendered).toContain(`href="/anliegen/barrierefreiheit/melden?lang=${lang}"`);
  });

  it('formats dates for the language: Leichte Sprache writes the month as a word, Arabic uses Latin digits', () => {
    const page = (lang: PublicLang) => PUBLIC_PAGES.confirmation!(contextIn(lang)).value;
    expect(page('de')).toContain('01.03.2026, 14:05');
    expect(page('de-x-ls')).toContain('1. März 2026');
    expect(page('tr')).toContain('1 Mar 2026');
    expect(page('uk')).toMatch(/1 бер\. 2026/);
    expect(page('ru')).toMatch(/1 мар\. 2026/);
    expect(page('ar')).toContain('2026');
    expect(page('ar')).not.toMatch(/[٠-٩]/);
  });
});
