import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Frames sandboxed without scripts (a mail's formatted view): axe cannot run inside them (it waits for timers that
 * never fire there), so each one's document is checked on a page of its own.
 */
const SCRIPTLESS_FRAMES = 'iframe[sandbox]:not([sandbox~="allow-scripts"])';

async function blockingViolations(page: Page, exclude: string | null): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (exclude) builder.exclude(exclude);
  const results = await builder.analyze();
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
