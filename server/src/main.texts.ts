import type { Role } from '@anliegen/shared';

/**
 * The start banner and start failure (main.ts): what whoever starts the server reads in the terminal, German first.
 * bench/src/server-process.ts and e2e/src/start.e2e.ts read the banner's lines.
 */
export const mainTexts = {
  couldNotStart: (message: string) => `\nAnliegen konnte nicht starten / could not start: ${message}\n`,
  runningAt: (url: string, database: string) => `\n  Anliegen läuft auf ${url}  (${database})`,
  smtpIn: (address: string) => `  E-Mail-Eingang (SMTP): ${address}`,
  metricsAt: (address: string) => `  Metriken (Prometheus): http://${address}/metrics`,
  noSmtpOut: '  E-Mail-Ausgang: nicht eingerichtet (SMTP_URL), Antworten warten bis dahin',
  demoLogins: (password: string) => `  Demo-Anmeldung (Passwort für alle: ${password}):`,
  /** The demo roles as the app names them (client/src/i18n/de.ts, `roles.*`). */
  role: {
    agent: 'Sachbearbeitung',
    team_lead: 'Teamleitung',
    supervisor: 'Controlling',
    admin: 'Administration',
  } satisfies Record<Role, string>,
};
