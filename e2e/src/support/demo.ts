import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The demo accounts the server seeds on first start (server/src/seed/demo-data.ts). */
export const DEMO_PASSWORD = 'Musterstadt-2026!';
export const DEMO = {
  agent: 'sachbearbeitung@musterstadt.example',
  team_lead: 'leitung@musterstadt.example',
  supervisor: 'statistik@musterstadt.example',
  admin: 'admin@musterstadt.example',
} as const;

export async function login(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/^E-Mail-Adresse/).fill(email);
  await page.getByLabel(/^Passwort/).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { level: 1, name: 'Übersicht' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
}
