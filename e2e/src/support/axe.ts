import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const OPTIONS: axe.RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  // Every rule still runs and every violating element is reported; passes and the like are not listed element by
  // element (only violations are read here, and sending all of them back took a good part of each check).
  resultTypes: ['violations'],
};

/**
 * Frames sandboxed without scripts (a mail's formatted view): axe cannot run inside them (it waits for timers that
 * never fire there), so each one's document is checked on a page of its own.
 */
const SCRIPTLESS_FRAMES = 'iframe[sandbox]:not([sandbox~="allow-scripts"])';

/**
 * axe-core run in the page itself, as @axe-core/playwright's AxeBuilder does in its legacy mode, but injected once per
 * document rather than on every check: the builder evaluated the whole script (twice) and opened a blank page for
 * each check, 2 to 4 s a check on CI's 2 cores where the rules themselves take well under one. The only frames
 * the app has are scriptless (excluded below and checked on their own), so nothing needs axe inside a frame.
 */
/**
 * Waits until the page's transitions and finite animations have ended (a segmented control's indicator sliding to
 * the chosen segment, a dialog fading in), at most two seconds: mid-way their colours are neither state's, and axe
 * would judge the contrast of a frame nobody reads. Endless ones (a loader) are not waited for.
 */
const settled = () =>
  Promise.race([
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => Number.isFinite(Number(animation.effect?.getComputedTiming().endTime)))
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
    new Promise((resolve) => setTimeout(resolve, 2000)),
  ]).then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

async function blockingViolations(page: Page, exclude: string | null): Promise<string[]> {
  const injected = () => typeof (window as unknown as { axe?: typeof axe }).axe?.run === 'function';
  if (!(await page.evaluate(injected))) await page.evaluate(axe.source);
  await page.evaluate(settled);
  const results = await page.evaluate(
    ({ exclude, options }) =>
      (window as unknown as { axe: typeof axe }).axe.run(exclude ? { exclude: [exclude] } : document, options),
    { exclude, options: OPTIONS },
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** WCAG 2.1 A/AA rules (BITV 2.0). Fails on any serious or critical violation, listing what and where. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const frames = page.locator(SCRIPTLESS_FRAMES);
  const documents = await frames.evaluateAll((elements) => elements.map((element) => element.getAttribute('srcdoc') ?? ''));
  expect(await blockingViolations(page, documents.length > 0 ? SCRIPTLESS_FRAMES : null), `axe on ${label}`).toEqual([]);
  for (const [index, html] of documents.entries()) {
    expect(await frames.nth(index).getAttribute('title'), `title of frame ${index + 1} on ${label}`).toBeTruthy();
    const alone = await page.context().newPage();
    try {
      // Only its markup and styles count here: nothing it names is loaded (no extra reads in anyone's name).
      await alone.route('**/*', (route) => route.abort());
      await alone.setContent(html);
      expect(await blockingViolations(alone, null), `axe on frame ${index + 1} of ${label}`).toEqual([]);
    } finally {
      await alone.close();
    }
  }
}
