import sanitizeHtml from 'sanitize-html';

/** Tiny images are tracking pixels: they tell the sender when and where a mail was opened. */
function isTrackingPixel(attribs: Record<string, string>): boolean {
  const size = (value: string | undefined) => (value === undefined ? Number.NaN : Number.parseInt(value, 10));
  return size(attribs.width) <= 2 || size(attribs.height) <= 2 || /display\s*:\s*none/i.test(attribs.style ?? '');
}

/**
 * A citizen's HTML mail made safe to show to an agent: no scripts, styles, forms or frames; links open in a new
 * tab without referrer; remote images are not loaded but turned into a link the agent can click (so the sender
 * learns nothing just from the mail being read), and tracking pixels disappear.
 */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'div',
      'span',
      'b',
      'strong',
      'i',
      'em',
      'u',
      's',
      'blockquote',
      'pre',
      'code',
      'hr',
      'ul',
      'ol',
      'li',
      'a',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'img',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'target', 'data-remote-image'],
      img: ['src', 'alt'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['data'] },
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' } }),
      img: (tagName, attribs): sanitizeHtml.Tag => {
        if (isTrackingPixel(attribs)) return { tagName: 'span', attribs: {}, text: '' };
        if (/^https?:/i.test(attribs.src ?? '')) {
          return {
            tagName: 'a',
            attribs: { href: attribs.src!, rel: 'noopener noreferrer nofollow', target: '_blank', 'data-remote-image': '' },
            text: `[Bild${attribs.alt ? `: ${attribs.alt}` : ''}]`,
          };
        }
        return { tagName, attribs };
      },
    },
    allowedClasses: {},
    nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head'],
  });
}
