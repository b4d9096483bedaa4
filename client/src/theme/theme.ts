import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * One theme for the whole app. Colours are chosen for WCAG 2.1 AA contrast:
 * the filled primary shade (blue 8, #1971c2) gives 5.0:1 with white text, where Mantine's default (blue 6) fails.
 * Focus rings and the boundaries of controls (WCAG 2.4.7, 1.4.11) use the colours of `cssVariablesResolver` below,
 * applied to every control in global.css.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  focusRing: 'always',
  components: {
    Badge: { defaultProps: { variant: 'light' } },
  },
});

/**
 * Mantine defaults that fail AA on white: dimmed text (gray 6, 3.3:1), error text (red 6, 3.3:1) and
 * light-variant text such as the active navigation link (blue 6 on a blue tint). Darker shades pass.
 */
/** Colours used for badges and tints; their light-variant text must stay readable on the tint. */
const TINTED = ['blue', 'cyan', 'yellow', 'grape', 'green', 'gray', 'red', 'orange'] as const;
/** Where even Mantine's darkest shade is too light on its own tint (yellow 9 is 2.9:1), a darker text colour. */
const TEXT_ON_TINT: Partial<Record<(typeof TINTED)[number], string>> = { yellow: '#6b4500', orange: '#9a3404', green: '#1d6b2f' };

/**
 * Focus and boundaries (issue 24; global.css applies them):
 * - `--app-focus-color`, the 2 px focus ring: blue 8 in light (5.0:1 on white, 4.4:1 on gray 1), blue 4 in dark
 *   (6.3:1 on the dark body, 5.4:1 on dark 6);
 * - `--app-control-border`, the boundary of fields, check boxes, radios, switch tracks and segmented controls:
 *   #6c757d in light (4.7:1 on white; Mantine's gray 4 has 1.5:1), dark 2 in dark (4.0:1 on the body, 3.5:1 on
 *   dark 6; Mantine's dark 4 has 1.5:1). The public web form's fields use the same grey.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--app-focus-color': t.colors.blue[8],
    '--app-control-border': '#6c757d',
    ...Object.fromEntries(
      TINTED.map((color) => [`--mantine-color-${color}-light-color`, TEXT_ON_TINT[color] ?? t.colors[color]![9]!]),
    ),
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-placeholder': t.colors.gray[7],
    '--mantine-color-error': t.colors.red[9],
    '--mantine-color-blue-light-color': t.colors.blue[9],
    // Hovered light variants (blue 2 by default) would drop that text below 4.5:1.
    '--mantine-color-blue-light-hover': t.colors.blue[1],
  },
  dark: {
    '--app-focus-color': t.colors.blue[4],
    '--app-control-border': t.colors.dark[2],
    ...Object.fromEntries(TINTED.map((color) => [`--mantine-color-${color}-light-color`, t.colors[color]![2]!])),
    '--mantine-color-dimmed': t.colors.dark[1],
    '--mantine-color-placeholder': t.colors.dark[1],
    '--mantine-color-error': t.colors.red[5],
    '--mantine-color-blue-light-color': t.colors.blue[3],
  },
});
