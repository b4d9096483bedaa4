import type { Page } from 'playwright-core';

/**
 * WCAG 1.4.12's text spacing, as the W3C's test (and the usual bookmarklet) applies it: over every element's own
 * styles, inline ones included.
 */
export const TEXT_SPACING = `
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
`;

/**
 * What is wrong with the layout as it is now:
 * - the page wider than the window (1.4.10);
 * - something sticking out of the window inside a fixed layer (header, navigation, drawer, dialog, bar): a fixed
 *   layer never makes the page scroll, so that part cannot be reached at all (the user menu at 320 px);
 * - text cut by its container (1.4.12, 1.4.10): any text whose glyphs reach past an ancestor that clips (overflow
 *   hidden or clip, which text-overflow: ellipsis and line-clamp need too) before a scroll container takes over;
 *   the clipping element is reported. Measured on the text itself (its line boxes), so padding, icons and
 *   decoration do not count. Text for screen readers only (clipped to 1 px) is not text on screen.
 *   Deliberate truncation is allowed only where the element says so with `data-excerpt` AND its whole text is in the
 *   same element's aria-label or title. One does: the inbox's two-line preview of the last message (case-row.tsx),
 *   an excerpt by design (the server already sends only the first line), whole in its title and for screen readers
 *   (line-clamp only hides), the message itself on the case page the row opens.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const describe = (element: Element) => {
      const classes = [...element.classList]
        .filter((name) => !name.startsWith('m_'))
        .slice(0, 3)
        .join('.');
      const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `<${element.tagName.toLowerCase()}${classes ? `.${classes}` : ''}> "${text}"`;
    };
    /** Only the outermost of the elements found (their children are not listed again). */
    const outermost = (elements: Element[]) =>
      elements.filter((element) => !elements.some((other) => other !== element && other.contains(element)));
    const elements = [...document.body.querySelectorAll('*')];

    if (document.documentElement.scrollWidth > width) {
      const wide = elements.filter((element) => {
        const box = element.getBoundingClientRect();
        if (box.right <= width + 1 || box.width === 0) return false;
        const parent = element.parentElement?.getBoundingClientRect();
        return !parent || parent.right <= width + 1;
      });
      // Else text sticks out of its element (a long word): the innermost elements wider inside than outside.
      const spilling = wide.length > 0 ? wide : elements.filter((element) => element.scrollWidth > element.clientWidth + 1);
      const innermost = spilling.filter((element) => !spilling.some((other) => other !== element && element.contains(other)));
      problems.push(
        `page is ${document.documentElement.scrollWidth}px wide at ${width}px: ${(wide.length > 0 ? wide : innermost).slice(0, 5).map(describe).join(', ')}`,
      );
    }

    const styles = new Map<Element, CSSStyleDeclaration>();
    const style = (element: Element) => {
      const found = styles.get(element) ?? getComputedStyle(element);
      styles.set(element, found);
      return found;
    };
    const offScreen = elements.filter((element) => {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || (box.right <= width + 1 && box.left >= -1)) return false;
      if (style(element).visibility !== 'visible') return false;
      for (let layer: Element | null = element; layer; layer = layer.parentElement) {
        if (layer !== element && style(layer).overflowX !== 'visible') return false; // scrolls or clips (below)
        if (style(layer).position === 'fixed') return true;
      }
      return false;
    });
    for (const element of outermost(offScreen).slice(0, 5)) {
      const box = element.getBoundingClientRect();
      problems.push(`off-screen in a fixed layer (${Math.round(box.left)}–${Math.round(box.right)}px): ${describe(element)}`);
    }

    const cut = new Set<Element>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (
        !node.textContent?.trim() ||
        !node.parentElement ||
        /^(STYLE|SCRIPT|NOSCRIPT|TEMPLATE)$/.test(node.parentElement.tagName)
      ) {
        continue;
      }
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0);
      if (rects.length === 0) continue;
      // Up to the first container that scrolls in that axis (the text is reachable there), any ancestor that
      // clips and leaves part of the text outside cuts it.
      let scrollsX = false;
      let scrollsY = false;
      // The body's and the root's overflow belong to the window (which scrolls, and is checked above).
      for (
        let box: Element | null = node.parentElement;
        box && box !== document.body && !(scrollsX && scrollsY);
        box = box.parentElement
      ) {
        const { overflowX, overflowY } = style(box);
        const clipsX = !scrollsX && /hidden|clip/.test(overflowX);
        const clipsY = !scrollsY && /hidden|clip/.test(overflowY);
        if (clipsX || clipsY) {
          const outer = box.getBoundingClientRect();
          if (outer.width <= 1 || outer.height <= 1) break; // for screen readers only
          const left = outer.left + box.clientLeft;
          const top = outer.top + box.clientTop;
          const right = left + box.clientWidth;
          const bottom = top + box.clientHeight;
          const outX = clipsX && rects.some((rect) => rect.right > right + 1 || rect.left < left - 1);
          const outY = clipsY && rects.some((rect) => rect.bottom > bottom + 1 || rect.top < top - 1);
          if (outX || outY) {
            cut.add(box);
            break;
          }
        }
        scrollsX ||= /auto|scroll/.test(overflowX);
        scrollsY ||= /auto|scroll/.test(overflowY);
      }
    }
    for (const element of outermost([...cut])) {
      const excerpt = element.closest('[data-excerpt]');
      const name = `${excerpt?.getAttribute('aria-label') ?? ''} ${excerpt?.getAttribute('title') ?? ''}`;
      const whole = (element.textContent ?? '').trim().replace(/\s+/g, ' ');
      if (excerpt && name.replace(/\s+/g, ' ').includes(whole)) continue;
      problems.push(`text cut: ${describe(element)}`);
    }
    return problems;
  });
}
