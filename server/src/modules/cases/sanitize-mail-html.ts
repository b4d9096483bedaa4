import sanitizeHtml from 'sanitize-html';

/** Tiny images are tracking pixels: they tell the sender when and where a mail was opened. */
function isTrackingPixel(attribs: Record<string, string>): boolean {
  const size = (value: string | undefined) => (value === undefined ? Number.NaN : Number.parseInt(value, 10));
  return size(attribs.width) <= 2 || size(attribs.height) <= 2 || /display\s*:\s*none/i.test(attribs.style ?? '');
}

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);
/** Raster images inside the mail itself: shown without any request. SVG is left out (a document, not a picture). */
const INLINE_RASTER_IMAGE = /^data:image\/(?:png|jpeg|gif|webp)(?:;[\w.+=-]+)*;base64,[a-z0-9+/]*={0,2}$/i;

/**
 * An attribute value as a browser reads it (entities are already decoded by the parser): tabs and line breaks
 * anywhere are ignored, controls and spaces around it trimmed. Only a URL with a scheme of its own is kept; anything
 * relative (`/trpc/…`, `//host`, `\/\/host`, `?x`, `#x`, and on an http page `http:/x`) would resolve against the
 * app's address and carry the agent's cookie, so it is refused. The result is the URL's canonical form, which no
 * browser reads differently.
 */
function absoluteUrl(value: string | undefined): URL | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers strip exactly these from URL attributes
  const cleaned = (value ?? '').replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
  if (!/^[a-z][a-z0-9+.-]*:/i.test(cleaned)) return null;
  // `http:/x` and `http:x` are relative on an http page: only `http://host` is a web address of its own.
  if (/^https?:/i.test(cleaned) && !/^https?:\/\//i.test(cleaned)) return null;
  try {
    return new URL(cleaned);
  } catch {
    return null;
  }
}

function contentIdOf(url: URL): string {
  const id = url.href.slice('cid:'.length);
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

export interface MailHtmlOptions {
  /**
   * When the mail is shown: the URL of this message's stored image attachment with that Content-ID, or null (the
   * image is dropped). Without it (on arrival) `cid:` images stay as they are.
   */
  cidUrl?: (contentId: string) => string | null;
}

/**
 * A citizen's HTML mail made safe to show to an agent: no scripts, styles, forms, frames or base URLs; links only
 * absolute (http, https, mailto, tel), opening in a new tab without referrer; remote images are not loaded but turned
 * into a link the agent can click (so the sender learns nothing just from the mail being read), tracking pixels
 * disappear. Images come only from the mail itself: `cid:` parts (mapped to the stored attachment when shown) and
 * inline raster `data:` images. No URL is left that resolves to the app's own address.
 * Run on arrival, and again when shown (mail stored before a fix gets the fix, and `cid:` images their attachment).
 */
export function sanitizeMailHtml(html: string, options: MailHtmlOptions = {}): string {
  const dropImage = (alt: string | undefined): sanitizeHtml.Tag => ({
    tagName: 'span',
    attribs: {},
    text: alt ? `[Bild: ${alt}]` : '',
  });
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
    allowedSchemesByTag: { img: ['data', 'cid'] },
    allowProtocolRelative: false,
    transformTags: {
      a: (_tagName, attribs): sanitizeHtml.Tag => {
        const url = absoluteUrl(attribs.href);
        if (!url || !LINK_SCHEMES.has(url.protocol)) return { tagName: 'span', attribs: {} };
        const kept: Record<string, string> = {
          ...(attribs.title ? { title: attribs.title } : {}),
          // Sanitised again when shown: a remote image's link stays marked as one.
          ...('data-remote-image' in attribs ? { 'data-remote-image': '' } : {}),
        };
        return { tagName: 'a', attribs: { href: url.href, rel: 'noopener noreferrer nofollow', target: '_blank', ...kept } };
      },
      img: (tagName, attribs): sanitizeHtml.Tag => {
        if (isTrackingPixel(attribs)) return dropImage(undefined);
        const alt: Record<string, string> = attribs.alt ? { alt: attribs.alt } : {};
        const url = absoluteUrl(attribs.src);
        if (url?.protocol === 'http:' || url?.protocol === 'https:') {
          return {
            tagName: 'a',
            attribs: { href: url.href, rel: 'noopener noreferrer nofollow', target: '_blank', 'data-remote-image': '' },
            text: `[Bild${attribs.alt ? `: ${attribs.alt}` : ''}]`,
          };
        }
        if (url?.protocol === 'cid:') {
          if (!options.cidUrl) return { tagName, attribs: { src: url.href, ...alt } };
          const src = options.cidUrl(contentIdOf(url));
          return src ? { tagName, attribs: { src, ...alt } } : dropImage(attribs.alt);
        }
        const inline = url?.protocol === 'data:' ? url.href.replace(/\s+/g, '') : '';
        if (INLINE_RASTER_IMAGE.test(inline)) return { tagName, attribs: { src: inline, ...alt } };
        return dropImage(attribs.alt);
      },
    },
    allowedClasses: {},
    nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head'],
  });
}
