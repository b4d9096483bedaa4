/**
 * Colour contrast as WCAG 2.1 defines it (relative luminance, contrast ratio), for colours as the browser computes
 * them: `rgb()`/`rgba()` (comma or space syntax), `color(srgb …)` (what `color-mix()` computes to), `#hex` and
 * `transparent`. A colour with alpha is composited over what lies beneath it before its luminance is taken.
 */
export interface Rgba {
  /** 0–255 */
  r: number;
  g: number;
  b: number;
  /** 0–1 */
  a: number;
}

export const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };

const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));

function channel(text: string, scale: number): number {
  const value = text.trim();
  return value.endsWith('%') ? (Number.parseFloat(value) / 100) * scale : Number.parseFloat(value);
}

function alpha(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 1;
  const value = text.trim();
  return clamp(value.endsWith('%') ? Number.parseFloat(value) / 100 : Number.parseFloat(value), 1);
}

/** A computed CSS colour, or null for what it cannot read (keywords other than transparent, other colour spaces). */
export function parseColor(text: string): Rgba | null {
  const value = text.trim().toLowerCase();
  if (value === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(value)?.[1];
  if (hex) {
    const digits = hex.length <= 4 ? [...hex].map((digit) => digit + digit) : (hex.match(/../g) ?? []);
    const [r, g, b, a] = digits.map((pair) => Number.parseInt(pair, 16));
    return { r: r!, g: g!, b: b!, a: a === undefined ? 1 : a / 255 };
  }
  const rgb = /^rgba?\((.*)\)$/.exec(value)?.[1];
  if (rgb) {
    const [colours, slashAlpha] = rgb.split('/');
    const parts = colours!.includes(',') ? colours!.split(',') : colours!.trim().split(/\s+/);
    if (parts.length < 3 || parts.length > 4) return null;
    const [r, g, b] = parts.slice(0, 3).map((part) => clamp(channel(part, 255), 255));
    if ([r, g, b].some((part) => Number.isNaN(part))) return null;
    return { r: r!, g: g!, b: b!, a: alpha(slashAlpha ?? parts[3]) };
  }
  const srgb = /^color\(srgb\s+([^)]*)\)$/.exec(value)?.[1];
  if (srgb) {
    const [colours, slashAlpha] = srgb.split('/');
    const parts = colours!.trim().split(/\s+/);
    if (parts.length !== 3) return null;
    const [r, g, b] = parts.map((part) => clamp(channel(part, 1), 1) * 255);
    if ([r, g, b].some((part) => Number.isNaN(part))) return null;
    return { r: r!, g: g!, b: b!, a: alpha(slashAlpha) };
  }
  return null;
}

/** `top` painted over `bottom` (source-over). */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a + bottom.a * (1 - top.a);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const mix = (upper: number, lower: number) => (upper * top.a + lower * bottom.a * (1 - top.a)) / a;
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}

/**
 * Layers from the top down (each a colour and the opacity it is painted with) over `base`: what the eye sees.
 * Layers below the first opaque one do not show.
 */
export function flatten(layers: readonly { color: Rgba; opacity?: number }[], base: Rgba = WHITE): Rgba {
  let result = base;
  for (const layer of [...layers].reverse()) {
    result = composite({ ...layer.color, a: layer.color.a * (layer.opacity ?? 1) }, result);
  }
  return result;
}

/** WCAG 2.1 relative luminance of an opaque colour (alpha is ignored: composite first). */
export function relativeLuminance(color: Rgba): number {
  const linear = (value: number) => {
    const s = value / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b);
}

/**
 * WCAG 2.1 contrast ratio (1–21). A translucent colour is first composited over the other one (which is taken as
 * opaque: the background it sits on).
 */
export function contrastRatio(foreground: Rgba, background: Rgba): number {
  const bottom = { ...background, a: 1 };
  const top = foreground.a < 1 ? composite(foreground, bottom) : foreground;
  const [lighter, darker] = [relativeLuminance(top), relativeLuminance(bottom)].sort((x, y) => y - x);
  return (lighter! + 0.05) / (darker! + 0.05);
}

/** A colour as `#rrggbb` (alpha dropped), for messages. */
export function toHex(color: Rgba): string {
  return `#${[color.r, color.g, color.b].map((value) => Math.round(value).toString(16).padStart(2, '0')).join('')}`;
}
