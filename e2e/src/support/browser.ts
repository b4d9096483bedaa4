import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type BrowserContext } from 'playwright-core';

const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** Debian's Chromium, headless, with no background traffic (the machine has no internet). */
export function launchBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-')), {
    ...CHROMIUM,
    viewport: { width: 1280, height: 800 },
    locale: 'de-DE',
  });
}

/** The same Chromium for tests that need contexts of their own (a locale, a colour scheme, a window size each). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM);
}
