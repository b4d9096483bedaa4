/*
 * German the Erklärung zur Barrierefreiheit and its report form need besides the dictionaries: data, not texts for
 * translation.
 */

/**
 * The federal Schlichtungsstelle nach § 16 BGG, the statement's enforcement body unless the town names its Land's
 * (ACCESSIBILITY_ENFORCEMENT_*, env.ts). Its name is translated (key a11y.enforcementDefaultName); these are its
 * contact details as it publishes them.
 */
export const SCHLICHTUNGSSTELLE_BGG = {
  address: 'Mauerstraße 53, 10117 Berlin',
  email: 'info@schlichtungsstelle-bgg.de',
  phone: '+49 30 18 527-2805',
  url: 'https://www.schlichtungsstelle-bgg.de',
};

/** Stored with a reported barrier, read by caseworkers: the desk's language, whatever the page's. */
export const barrierStoredTexts = {
  subject: 'Barriere gemeldet',
  where: 'Wo:',
  pageLanguage: 'Sprache der Seite:',
};

/** The page's language as the report's text names it for caseworkers (who answer in it if they can). */
export const languageNamesForDesk = {
  de: 'Deutsch',
  'de-x-ls': 'Leichte Sprache',
  en: 'Englisch',
  tr: 'Türkisch',
  ar: 'Arabisch',
  uk: 'Ukrainisch',
  ru: 'Russisch',
};
