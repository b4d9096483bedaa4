import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * One theme for the whole app. Colours are chosen for WCAG 2.1 AA contrast:
 * the filled primary shade (blue 8, #1971c2) gives 4.9:1 with white text, where Mantine's default (blue 6) fails.
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

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
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
    ...Object.fromEntries(TINTED.map((color) => [`--mantine-color-${color}-light-color`, t.colors[color]![2]!])),
    '--mantine-color-dimmed': t.colors.dark[1],
    '--mantine-color-placeholder': t.colors.dark[1],
    '--mantine-color-error': t.colors.red[5],
    '--mantine-color-blue-light-color': t.colors.blue[3],
  },
});
