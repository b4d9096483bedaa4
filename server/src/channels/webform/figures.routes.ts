import express, { type Response, type Router } from 'express';
import type { DB } from '../../db/database.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import type { Logger } from '../../logger.js';
import { publicFiguresEnabled } from '../../modules/statistics/impact-targets.service.js';
import { type PublicFigures, publicFigures } from '../../modules/statistics/public-figures.service.js';
import { figuresPage } from './figures.pages.js';
import type { Html } from './html.js';
import { pageContext, send } from './public-page.js';
import { messagePage } from './webform.pages.js';

export const FIGURES_PATH = '/anliegen/kennzahlen';
export const FIGURES_JSON_PATH = `${FIGURES_PATH}.json`;

/** The figures change slowly; computing them once every few minutes keeps the page cheap for a town's website. */
export const FIGURES_CACHE_SECONDS = 300;

/**
 * The published impact figures (issue 18): /anliegen/kennzahlen as a page (server-rendered, every public language)
 * and /anliegen/kennzahlen.json as open data (docs/public-figures.md; readable by any site: CORS for GET). Only while
 * the admins publish them (desk_settings.public_figures); otherwise both are "not found". The figures are computed
 * at most once per FIGURES_CACHE_SECONDS per process and may be cached as long by browsers and proxies; whether they
 * are published is asked on every request, so switching them off takes effect at once here.
 */
export function figuresRouter(deps: { db: DB; log: Logger }): Router {
  const { db, log } = deps;
  const router = express.Router();
  let cached: { at: number; figures: PublicFigures } | null = null;

  /** The figures if published (null: not), from the cache while it is fresh. */
  const current = async (): Promise<PublicFigures | null> => {
    if (!(await publicFiguresEnabled(db))) return null;
    const now = Date.now();
    if (!cached || now - cached.at >= FIGURES_CACHE_SECONDS * 1000) cached = { at: now, figures: await publicFigures(db, now) };
    return cached.figures;
  };
  const cacheable = (res: Response) =>
    res.setHeader('Cache-Control', `public, max-age=${FIGURES_CACHE_SECONDS}`).setHeader('Vary', 'Accept-Language');

  router.get(FIGURES_JSON_PATH, async (_req, res) => {
    // Open data: any website may read it (a simple GET needs no preflight); helmet's same-origin resource policy would
    // keep other origins from embedding it.
    res.setHeader('Access-Control-Allow-Origin', '*').setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    try {
      const figures = await current();
      if (!figures) {
        res.status(404).setHeader('Cache-Control', 'no-store').json({ error: 'not_published' });
        return;
      }
      cacheable(res).json(figures);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      log.error({ err }, 'public figures: the database is unavailable');
      res.status(503).setHeader('Retry-After', '60').setHeader('Cache-Control', 'no-store').json({ error: 'unavailable' });
    }
  });

  router.get(FIGURES_PATH, async (req, res) => {
    const ctx = pageContext(req);
    let page: Html;
    try {
      const figures = await current();
      if (!figures) {
        send(res, 404, messagePage(ctx, 'figures.offTitle', 'figures.off'));
        return;
      }
      page = figuresPage(ctx, figures, FIGURES_JSON_PATH);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      // Never a 5xx page to a citizen (docs/operations.md): a notice that the figures are away for a while.
      log.error({ err }, 'public figures: the database is unavailable');
      send(res, 200, messagePage(ctx, 'outageTitle', 'figures.unavailable'));
      return;
    }
    cacheable(res).status(200).type('html').send(page.value);
  });

  return router;
}
