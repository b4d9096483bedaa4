import type { Locator, Page } from 'playwright-core';
import { contrastRatio, flatten, parseColor, type Rgba, toHex, WHITE } from './contrast.js';

/**
 * Focus indicators (WCAG 2.4.7) and the boundaries of controls (1.4.11), measured in the real browser from computed
 * styles. The page gathers what it paints (styles, the layers under a point via `elementsFromPoint`); the contrast
 * maths happen here, once, in ./contrast.ts.
 *
 * Every control the page offers is found by itself: whatever is focusable (links, buttons, inputs, selects, text
 * areas, anything with a tabindex, menu items, the radios of a segmented control) and every kind of field, box,
 * switch and segmented control. Nothing is listed by hand.
 */

/** Background layers under one point, from the top down, each with the opacity it is painted with. */
export type Layers = { color: string; opacity: number }[];

export interface FocusRecord {
  control: string;
  kind: string;
  /** Focus landed on the control (a focus trap or a widget may move it elsewhere). */
  focused: boolean;
  focusVisible: boolean;
  indicator: null | {
    /** Which element shows it: the control itself, its next sibling, its label or an ancestor. */
    on: string;
    via: 'outline' | 'box-shadow' | 'border';
    style: string;
    width: number;
    color: string;
    /** For a border: the unfocused border's colour. */
    before: string | null;
    /** A band of colour between control and ring (a box-shadow), if any. */
    gap: { color: string; width: number } | null;
    /**
     * Per side (off-screen: null): what the ring covers (the unfocused state there), what lies just inside and just
     * beyond it, and what the gap band covers.
     */
    sides: { ring: Layers | null; inner: Layers | null; outside: Layers | null; gap: Layers | null }[];
    clippedBy: string | null;
  };
}

/** Finds every focusable control within `scope` (a selector; the whole document when null), focuses each in turn. */
function collectFocus(scope: string | null): FocusRecord[] {
  const root: ParentNode = scope ? (document.querySelector(scope) ?? document) : document;
  const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"], [role^="menuitem"]';

  const finishAnimations = () => {
    for (const animation of document.getAnimations()) {
      try {
        animation.finish();
      } catch {
        // endless animations (loaders) cannot finish
      }
    }
  };
  const kindOf = (element: Element): string => {
    const tag = element.tagName.toLowerCase();
    const type = element.getAttribute('type');
    const role = element.getAttribute('role');
    const mantine = [...element.classList].find((name) =>
      /^mantine-(?!focus-|active|Text-|UnstyledButton-|Input-|InputBase-)[A-Za-z]+-[a-zA-Z]+$/.test(name),
    );
    const variant = element.getAttribute('data-variant');
    const error = element.getAttribute('aria-invalid') === 'true' ? ' (error)' : '';
    return `${tag}${type ? `[type=${type}]` : ''}${role ? `[role=${role}]` : ''}${mantine ? ` ${mantine}` : ''}${variant ? `/${variant}` : ''}${error}`;
  };
  const nameOf = (element: Element): string => {
    const labelled = element.getAttribute('aria-labelledby');
    const text =
      element.getAttribute('aria-label') ??
      (labelled ? document.getElementById(labelled.split(' ')[0]!)?.textContent : null) ??
      ((element as HTMLInputElement).labels?.[0]?.textContent || null) ??
      element.getAttribute('placeholder') ??
      element.textContent ??
      '';
    return text.trim().replace(/\s+/g, ' ').slice(0, 40);
  };
  const opacityOf = (element: Element | null): number => {
    let value = 1;
    for (let node = element; node; node = node.parentElement) value *= Number(getComputedStyle(node).opacity);
    return value;
  };
  const layersAt = (x: number, y: number): Layers | null => {
    if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) return null;
    const layers: Layers = [];
    for (const element of document.elementsFromPoint(x, y)) {
      const color = getComputedStyle(element).backgroundColor;
      const opacity = opacityOf(element);
      layers.push({ color, opacity });
      const opaque = color.startsWith('rgb(') || (color.startsWith('color(') && !color.includes('/'));
      if (opaque && opacity === 1) break;
    }
    return layers;
  };
  interface Ring {
    outline: string;
    outlineWidth: number;
    outlineColor: string;
    outlineOffset: number;
    boxShadow: string;
    borderWidth: number;
    borderStyle: string;
    borderColor: string;
  }
  const ringOf = (element: Element): Ring => {
    const style = getComputedStyle(element);
    return {
      outline: style.outlineStyle,
      outlineWidth: Number.parseFloat(style.outlineWidth),
      outlineColor: style.outlineColor,
      outlineOffset: Number.parseFloat(style.outlineOffset),
      boxShadow: style.boxShadow,
      borderWidth: Math.min(
        ...['Top', 'Right', 'Bottom', 'Left'].map((side) =>
          Number.parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)),
        ),
      ),
      borderStyle: style.borderTopStyle,
      borderColor: style.borderTopColor,
    };
  };
  const hasOutline = (ring: Ring) => ring.outline !== 'none' && ring.outline !== 'hidden' && ring.outlineWidth > 0;
  /** The first ring-like box-shadow ("<colour> 0px 0px 0px <spread>"), if any. */
  const shadowRing = (shadow: string) => {
    if (shadow === 'none') return null;
    const match = /^((?:rgba?|color)\([^)]*\))\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+([\d.]+)px\s+(-?[\d.]+)px(\s+inset)?/.exec(shadow);
    if (!match) return null;
    const [, color, x, y, blur, spread, inset] = match;
    if (Number(x) !== 0 || Number(y) !== 0 || Number(blur) !== 0 || Number(spread) <= 0) return null;
    return { color: color!, width: Number(spread), inset: Boolean(inset) };
  };
  const clipOf = (element: Element, box: { left: number; top: number; right: number; bottom: number }): string | null => {
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const rect = node.getBoundingClientRect();
      const left = rect.left + node.clientLeft;
      const top = rect.top + node.clientTop;
      const clips =
        (style.overflowX !== 'visible' && (box.left < left - 0.5 || box.right > left + node.clientWidth + 0.5)) ||
        (style.overflowY !== 'visible' && (box.top < top - 0.5 || box.bottom > top + node.clientHeight + 0.5));
      if (clips) return `${kindOf(node)}.${[...node.classList].filter((name) => !name.startsWith('m_')).join('.')}`;
    }
    return null;
  };

  const controls = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => {
    if (element.matches(':disabled, [aria-disabled="true"], input[type="hidden"]')) return false;
    if (element.closest('[inert], [aria-hidden="true"]')) return false;
    const reachable = element.tabIndex >= 0 || element.matches('[role^="menuitem"], input[type="radio"]');
    return reachable && element.checkVisibility({ visibilityProperty: true });
  });

  const records: FocusRecord[] = [];
  for (const control of controls) {
    (document.activeElement as HTMLElement | null)?.blur?.();
    finishAnimations();
    const related: [string, Element][] = [['itself', control]];
    if (control.nextElementSibling) related.push(['next sibling', control.nextElementSibling]);
    for (const label of (control as HTMLInputElement).labels ?? []) related.push(['label', label]);
    for (let level = 1, node = control.parentElement; node && level <= 3; level++, node = node.parentElement)
      related.push([`ancestor ${level}`, node]);
    const before = related.map(([, element]) => ringOf(element));
    control.focus();
    finishAnimations();
    const record: FocusRecord = {
      control: nameOf(control),
      kind: kindOf(control),
      focused: document.activeElement === control,
      focusVisible: control.matches(':focus-visible'),
      indicator: null,
    };
    records.push(record);
    if (!record.focused) continue;
    for (const [index, [on, element]] of related.entries()) {
      const was = before[index]!;
      const now = ringOf(element);
      const rect = element.getBoundingClientRect();
      // A ring on something nobody sees (the hidden input of a switch or segment) shows nothing.
      if (rect.width < 1 || rect.height < 1 || opacityOf(element) === 0) continue;
      const cx = rect.left + rect.width / 2;
      const cy = rect.top + rect.height / 2;
      /**
       * Per side, what lies at a ring from `start` to `end` px outside the box (negative: inside): under its middle
       * (the unfocused state there), just inside it, just beyond it, and under the middle of `gap` px next to the box.
       */
      const sides = (start: number, end: number, gap: number) =>
        (
          [
            [cx, rect.top, 0, -1],
            [rect.right, cy, 1, 0],
            [cx, rect.bottom, 0, 1],
            [rect.left, cy, -1, 0],
          ] as const
        ).map(([x, y, dx, dy]) => {
          const at = (distance: number) => layersAt(x + dx * distance, y + dy * distance);
          return { ring: at((start + end) / 2), inner: at(start - 1), outside: at(end + 1.5), gap: gap > 0 ? at(gap / 2) : null };
        });
      const grown = (by: number) => ({
        left: rect.left - by,
        top: rect.top - by,
        right: rect.right + by,
        bottom: rect.bottom + by,
      });
      const shadow = now.boxShadow !== was.boxShadow ? shadowRing(now.boxShadow) : null;
      const outlineChanged =
        hasOutline(now) &&
        (!hasOutline(was) ||
          was.outlineWidth !== now.outlineWidth ||
          was.outlineColor !== now.outlineColor ||
          was.outlineOffset !== now.outlineOffset);
      if (outlineChanged) {
        const reach = now.outlineOffset + now.outlineWidth;
        // A box-shadow band between control and ring (the page's colour, so the ring shows beside a filled neighbour).
        const gap = shadow && !shadow.inset && now.outlineOffset > 0 ? shadow : null;
        record.indicator = {
          on,
          via: 'outline',
          style: now.outline,
          width: now.outlineWidth,
          color: now.outlineColor,
          before: null,
          gap: gap ? { color: gap.color, width: gap.width } : null,
          sides: sides(now.outlineOffset, reach, gap ? Math.min(gap.width, now.outlineOffset) : 0),
          clippedBy: reach > 0 ? clipOf(element, grown(reach)) : null,
        };
        break;
      }
      if (shadow) {
        record.indicator = {
          on,
          via: 'box-shadow',
          style: 'solid',
          width: shadow.width,
          color: shadow.color,
          before: null,
          gap: null,
          sides: shadow.inset ? sides(-shadow.width, 0, 0) : sides(0, shadow.width, 0),
          clippedBy: shadow.inset ? null : clipOf(element, grown(shadow.width)),
        };
        break;
      }
      if (now.borderColor !== was.borderColor || now.borderWidth !== was.borderWidth || now.borderStyle !== was.borderStyle) {
        record.indicator = {
          on,
          via: 'border',
          style: now.borderStyle,
          width: now.borderWidth,
          color: now.borderColor,
          before: was.borderWidth > 0 && was.borderStyle !== 'none' ? was.borderColor : null,
          gap: null,
          sides: sides(-now.borderWidth, 0, 0),
          clippedBy: null,
        };
        break;
      }
    }
  }
  (document.activeElement as HTMLElement | null)?.blur?.();
  return records;
}

export interface BoundaryRecord {
  control: string;
  kind: string;
  border: { width: number; style: string; color: string };
  fill: string;
  opacity: number;
  /** Per side, just outside the box. */
  outside: (Layers | null)[];
  /** Painted by the browser itself (appearance: auto): measured from its pixels instead; its data-native-box. */
  native: string | null;
  checked: boolean;
  segmented: null | {
    indicator: { border: { width: number; style: string; color: string }; fill: string } | null;
    rootFill: string;
    rootOutside: (Layers | null)[];
    active: { weight: number; text: string } | null;
    inactive: { weight: number; text: string }[];
  };
}

/** Every field, check box, radio, switch and segmented control within `scope`, with what surrounds it. */
function collectBoundaries(scope: string | null): BoundaryRecord[] {
  const root: ParentNode = scope ? (document.querySelector(scope) ?? document) : document;
  const BOXES = [
    '.mantine-Input-input:not([data-variant="unstyled"])',
    'input:not([type="hidden"], [type="submit"], [type="button"], [type="reset"], [type="file"], [type="image"], [type="range"], [type="color"])',
    'select',
    'textarea',
    '.mantine-Checkbox-input',
    '.mantine-Radio-radio',
    '.mantine-Switch-track',
    '.mantine-Chip-label',
    '.mantine-SegmentedControl-root',
  ].join(', ');
  const opacityOf = (element: Element | null): number => {
    let value = 1;
    for (let node = element; node; node = node.parentElement) value *= Number(getComputedStyle(node).opacity);
    return value;
  };
  const layersAt = (x: number, y: number): Layers | null => {
    if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) return null;
    const layers: Layers = [];
    for (const element of document.elementsFromPoint(x, y)) {
      const color = getComputedStyle(element).backgroundColor;
      const opacity = opacityOf(element);
      layers.push({ color, opacity });
      const opaque = color.startsWith('rgb(') || (color.startsWith('color(') && !color.includes('/'));
      if (opaque && opacity === 1) break;
    }
    return layers;
  };
  const outsideOf = (element: Element) => {
    const rect = element.getBoundingClientRect();
    const cx = rect.left + rect.width / 2;
    const cy = rect.top + rect.height / 2;
    return [layersAt(cx, rect.top - 2), layersAt(rect.right + 2, cy), layersAt(cx, rect.bottom + 2), layersAt(rect.left - 2, cy)];
  };
  const borderOf = (style: CSSStyleDeclaration) => ({
    width: Math.min(
      ...['top', 'right', 'bottom', 'left'].map((side) => Number.parseFloat(style.getPropertyValue(`border-${side}-width`))),
    ),
    style: style.borderTopStyle,
    color: style.borderTopColor,
  });
  const nameOf = (element: Element): string => {
    const field = element.matches('input, select, textarea') ? element : element.querySelector('input, select, textarea');
    const text =
      field?.getAttribute('aria-label') ??
      ((field as HTMLInputElement | null)?.labels?.[0]?.textContent || null) ??
      element.closest('.mantine-InputWrapper-root, .mantine-Checkbox-root, .mantine-Switch-root')?.querySelector('label')
        ?.textContent ??
      element.textContent ??
      '';
    return text.trim().replace(/\s+/g, ' ').slice(0, 40);
  };
  const kindOf = (element: Element): string => {
    const tag = element.tagName.toLowerCase();
    const type = element.getAttribute('type');
    const mantine = [...element.classList].find((name) =>
      /^mantine-(?!focus-|active|Input-|InputBase-)[A-Za-z]+-[a-zA-Z]+$/.test(name),
    );
    const error =
      element.closest('[data-error], [aria-invalid="true"]') || element.querySelector('[aria-invalid="true"]') ? ' (error)' : '';
    return `${tag}${type ? `[type=${type}]` : ''}${mantine ? ` ${mantine}` : ''}${error}`;
  };

  // Colours as they end up, not half-way through a transition (a switch just turned).
  for (const animation of document.getAnimations()) {
    try {
      animation.finish();
    } catch {
      // endless animations (loaders) cannot finish
    }
  }
  const boxes = [...root.querySelectorAll<HTMLElement>(BOXES)].filter((element) => {
    // A field inside a Mantine box is measured as the box; hidden inputs of switches, chips and segments belong to
    // what shows them; disabled controls are exempt (1.4.11 applies to active components).
    if (
      element.matches('input, select, textarea') &&
      !element.matches('.mantine-Input-input, .mantine-Checkbox-input, .mantine-Radio-radio')
    ) {
      if (element.closest('.mantine-Input-input, .mantine-Switch-root, .mantine-Chip-root, .mantine-SegmentedControl-root'))
        return false;
    }
    if (element.matches(':disabled, [data-disabled]') || element.querySelector(':disabled')) return false;
    // (aria-hidden does not count here: a switch's track is hidden from screen readers, not from the eye.)
    if (element.closest('[inert]')) return false;
    const rect = element.getBoundingClientRect();
    return rect.width > 2 && rect.height > 2 && element.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  });

  return boxes.map((element, index): BoundaryRecord => {
    element.scrollIntoView({ block: 'center', inline: 'nearest' });
    const style = getComputedStyle(element);
    let nativeId: string | null = null;
    if (style.appearance === 'auto' && element.matches('input[type="checkbox"], input[type="radio"]')) {
      nativeId = String(index);
      element.setAttribute('data-native-box', nativeId);
    }
    let segmented: BoundaryRecord['segmented'] = null;
    if (element.matches('.mantine-SegmentedControl-root')) {
      const indicator = element.querySelector('.mantine-SegmentedControl-indicator');
      const labels = [...element.querySelectorAll('.mantine-SegmentedControl-label')];
      const weight = (label: Element) => ({
        weight: Number(getComputedStyle(label).fontWeight),
        text: (label.textContent ?? '').trim(),
      });
      const active = labels.find((label) => label.hasAttribute('data-active'));
      segmented = {
        indicator: indicator
          ? { border: borderOf(getComputedStyle(indicator)), fill: getComputedStyle(indicator).backgroundColor }
          : null,
        rootFill: style.backgroundColor,
        rootOutside: outsideOf(element),
        active: active ? weight(active) : null,
        inactive: labels.filter((label) => label !== active).map(weight),
      };
    }
    return {
      control: nameOf(element),
      kind: kindOf(element),
      border: borderOf(style),
      fill: style.backgroundColor,
      opacity: opacityOf(element),
      outside: outsideOf(element),
      native: nativeId,
      checked: element.matches(':checked') || element.querySelector(':checked') !== null,
      segmented,
    };
  });
}

/** A computed colour; one the maths cannot read is a gap in the measurement, not a pass. */
const color = (text: string): Rgba => {
  const parsed = parseColor(text);
  if (!parsed) throw new Error(`cannot measure the colour ${text}`);
  return parsed;
};
const seen = (layers: Layers | null): Rgba | null =>
  layers ? flatten(layers.map((layer) => ({ color: color(layer.color), opacity: layer.opacity }))) : null;
const round = (value: number) => Math.round(value * 100) / 100;

/** Focuses every control in `scope` (a selector, or the whole page) and returns what is wrong with its focus indicator. */
export async function focusProblems(
  page: Page,
  scope: string | null = null,
): Promise<{ problems: string[]; kinds: Set<string> }> {
  // Keyboard modality: what a script focuses after a key press shows :focus-visible, as after Tab.
  await page.keyboard.press('Shift');
  const records = await page.evaluate(collectFocus, scope);
  const problems: string[] = [];
  for (const record of records) {
    const where = `${record.kind} "${record.control}"`;
    if (!record.focused) continue; // a widget moved focus on (checked where focus lands instead)
    if (!record.focusVisible) {
      problems.push(`${where}: does not match :focus-visible after keyboard use`);
      continue;
    }
    const ring = record.indicator;
    if (!ring) {
      problems.push(`${where}: nothing changes on focus`);
      continue;
    }
    const what = `${ring.via} on ${ring.on}`;
    if (ring.style === 'auto') problems.push(`${where}: only the browser's default focus ring (${what})`);
    if (ring.width < 2) problems.push(`${where}: ${what} is ${ring.width}px thick (needs 2px)`);
    if (ring.clippedBy) problems.push(`${where}: ${what} is cut off by ${ring.clippedBy}`);
    const ringColor = color(ring.color);
    const gapColor = ring.gap ? color(ring.gap.color) : null;
    // Per side: the indicator must change what it covers by 3:1 (the ring, or a band of 2px and more between ring
    // and control), and the ring must stand out 3:1 from what lies beside it (inside or beyond).
    let least = Number.POSITIVE_INFINITY;
    for (const side of ring.sides) {
      const outside = seen(side.outside);
      const under = ring.before ? (outside ? flatten([{ color: color(ring.before) }], outside) : null) : seen(side.ring);
      if (!outside || !under) continue;
      const innerBase = seen(side.inner);
      const inner = innerBase && gapColor ? flatten([{ color: gapColor }], innerBase) : innerBase;
      const gapUnder = seen(side.gap);
      const changed = Math.max(
        contrastRatio(flatten([{ color: ringColor }], under), under),
        gapColor && gapUnder && ring.gap!.width >= 2 ? contrastRatio(flatten([{ color: gapColor }], gapUnder), gapUnder) : 0,
      );
      const standsOut = Math.max(contrastRatio(ringColor, outside), inner ? contrastRatio(ringColor, inner) : 0);
      least = Math.min(least, changed, standsOut);
    }
    if (least === Number.POSITIVE_INFINITY) problems.push(`${where}: its focus indicator is not on screen`);
    else if (least < 3)
      problems.push(
        `${where}: ${what} ${toHex(ringColor)} has ${round(least)}:1 against what surrounds it or the unfocused state (needs 3:1)`,
      );
  }
  if (!records.some((record) => record.focused)) problems.push(`no control in ${scope ?? 'the page'} took the focus`);
  return { problems, kinds: new Set(records.filter((record) => record.focused).map((record) => record.kind)) };
}

/** Pixels of a screenshot (PNG), decoded by the browser. */
async function pixelsOf(page: Page, png: Buffer): Promise<Rgba[]> {
  const values = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    return [...context.getImageData(0, 0, bitmap.width, bitmap.height).data];
  }, png.toString('base64'));
  const pixels: Rgba[] = [];
  for (let index = 0; index < values.length; index += 4)
    pixels.push({ r: values[index]!, g: values[index + 1]!, b: values[index + 2]!, a: 1 });
  return pixels;
}

/**
 * The boundaries of every field, check box, radio, switch and segmented control in `scope` against what surrounds
 * them (3:1), and a selected segment that differs by more than colour.
 */
export async function boundaryProblems(
  page: Page,
  scope: string | null = null,
): Promise<{ problems: string[]; kinds: Set<string> }> {
  const records = await page.evaluate(collectBoundaries, scope);
  const problems: string[] = [];
  /** Native boxes measured per kind and checked state: the browser paints all of one alike (a list has fifty). */
  const nativeSeen = new Map<string, number>();
  for (const record of records) {
    const where = `${record.kind} "${record.control}"`;
    if (record.native) {
      const key = `${record.kind} ${record.checked}`;
      nativeSeen.set(key, (nativeSeen.get(key) ?? 0) + 1);
      if (nativeSeen.get(key)! > 2) continue;
    }
    const outsides = record.outside.map(seen).filter((value): value is Rgba => value !== null);
    if (outsides.length === 0) continue;
    // Against the lightest-contrast side: every side of the box must stand out.
    const against = (foreground: Rgba) => Math.min(...outsides.map((outside) => contrastRatio(foreground, outside)));
    let best: number;
    if (record.native) {
      const box = page.locator(`[data-native-box="${record.native}"]`);
      const pixels = await pixelsOf(page, await box.screenshot({ animations: 'disabled' }));
      await box.evaluate((element) => element.removeAttribute('data-native-box'));
      best = Math.max(...pixels.map(against));
    } else {
      const hasBorder = record.border.width >= 1 && record.border.style !== 'none' && record.border.style !== 'hidden';
      const faded = (text: string) => {
        const value = color(text);
        return { ...value, a: value.a * record.opacity };
      };
      const border = hasBorder ? against(faded(record.border.color)) : 1;
      const fill = against(faded(record.fill));
      best = Math.max(border, fill);
    }
    if (best < 3) problems.push(`${where}: its boundary has ${round(best)}:1 against its surroundings (needs 3:1)`);

    const segmented = record.segmented;
    if (segmented) {
      const rootFill = flatten([{ color: color(segmented.rootFill) }], seen(segmented.rootOutside[0] ?? null) ?? WHITE);
      const indicator = segmented.indicator;
      if (!segmented.active) continue; // nothing chosen yet (the reply box before a kind is picked)
      if (!indicator) {
        problems.push(`${where}: the selected segment "${segmented.active.text}" is not shown`);
        continue;
      }
      const indicatorBorder =
        indicator.border.width >= 1 && indicator.border.style !== 'none'
          ? contrastRatio(color(indicator.border.color), rootFill)
          : 1;
      const indicatorFill = contrastRatio(color(indicator.fill), rootFill);
      if (Math.max(indicatorBorder, indicatorFill) < 3)
        problems.push(
          `${where}: the selected segment "${segmented.active.text}" has ${round(Math.max(indicatorBorder, indicatorFill))}:1 against the control (needs 3:1)`,
        );
      // More than colour (1.4.1): a frame of its own and heavier text than the others.
      if (indicator.border.width < 2 || indicator.border.style === 'none')
        problems.push(`${where}: the selected segment has no frame of its own (border ${indicator.border.width}px)`);
      for (const other of segmented.inactive)
        if (other.weight >= segmented.active.weight)
          problems.push(
            `${where}: "${segmented.active.text}" (selected, weight ${segmented.active.weight}) is no bolder than "${other.text}" (${other.weight})`,
          );
    }
  }
  await page.evaluate(() => {
    for (const element of document.querySelectorAll('[data-native-box]')) element.removeAttribute('data-native-box');
  });
  return { problems, kinds: new Set(records.map((record) => record.kind)) };
}

/** A locator as a selector the collectors can use (it marks the element with a data attribute). */
export async function scopeOf(locator: Locator): Promise<string> {
  const marker = `focus-contrast-${Math.random().toString(36).slice(2)}`;
  await locator.evaluate((element, value) => element.setAttribute('data-scope', value), marker);
  return `[data-scope="${marker}"]`;
}
