import { useComputedColorScheme } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** AA contrast on the timeline's paper in either scheme (text 16:1 and 11:1, links 6.4:1 and 8.6:1). */
const COLOURS = {
  light: { background: '#ffffff', text: '#1a1b1e', link: '#1864ab', rule: '#ced4da' },
  dark: { background: '#242424', text: '#c9c9c9', link: '#74c0fc', rule: '#5c5f66' },
};

function resolved(value: string): URL | null {
  try {
    return new URL(value, window.location.href);
  } catch {
    return null;
  }
}

/**
 * The server sanitised the HTML twice (on arrival and when sending it); this is the browser's own guard behind that:
 * a link that leads into the app (which only the browser knows the address of for sure) loses its target, and an
 * image that is not one of the message's attachments or inline is removed. DOMParser's document is inert.
 */
function withoutAppUrls(html: string, images: ReadonlySet<string>): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const link of doc.querySelectorAll('[href]')) {
    const url = resolved(link.getAttribute('href') ?? '');
    if (!url || !LINK_PROTOCOLS.has(url.protocol) || url.origin === window.location.origin) link.removeAttribute('href');
  }
  for (const image of doc.querySelectorAll('img')) {
    const src = image.getAttribute('src') ?? '';
    const url = resolved(src);
    if (!/^data:image\/(png|jpeg|gif|webp)[;,]/i.test(src) && !(url && images.has(url.href))) image.remove();
  }
  return doc.body.innerHTML;
}

interface Props {
  html: string;
  /** The message's attachments: the only URLs its images may load (`cid:` images point at them). */
  attachmentIds: number[];
}

/**
 * A mail's formatted view in a sandboxed frame: no scripts, forms or navigation of the app; its own CSP lets images
 * come only from this message's attachments (or inline data), so nothing in the mail can call the app in the agent's
 * name or tell the sender it was read. Same origin (without scripts) so the attachments load with the session and
 * the frame can be sized to its content.
 */
export function MailHtml({ html, attachmentIds }: Props) {
  const { t } = usePageI18n();
  const scheme = useComputedColorScheme('light');
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(0);

  const ids = attachmentIds.join(',');
  const srcDoc = useMemo(() => {
    const images = new Set(
      ids
        .split(',')
        .filter(Boolean)
        .map((id) => new URL(`/attachments/${id}`, window.location.origin).href),
    );
    const colours = COLOURS[scheme];
    const csp = `default-src 'none'; img-src ${[...images].join(' ')} data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'`;
    const title = t('case.formattedMail').replace(/[<&]/g, '');
    return `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><title>${title}</title><style>
:root{color-scheme:${scheme}}html{background:${colours.background};color:${colours.text};font:14px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
body{margin:0;overflow-wrap:anywhere}a{color:${colours.link}}img{max-width:100%;height:auto}table{border-collapse:collapse;max-width:100%}
td,th{padding:2px 6px;vertical-align:top}blockquote{margin:0 0 0 .25rem;padding-left:.75rem;border-left:3px solid ${colours.rule}}pre{white-space:pre-wrap}
</style></head><body>${withoutAppUrls(html, images)}</body></html>`;
  }, [html, ids, scheme, t]);

  // Sized to its content, also when images arrive or the width changes.
  const [body, setBody] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!body) return;
    const fit = () => setHeight(Math.ceil(body.scrollHeight));
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(body);
    for (const image of body.querySelectorAll('img')) image.addEventListener('load', fit);
    return () => observer.disconnect();
  }, [body]);

  return (
    <iframe
      ref={frame}
      title={t('case.formattedMail')}
      srcDoc={srcDoc}
      sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      onLoad={() => setBody(frame.current?.contentDocument?.body ?? null)}
      style={{ display: 'block', width: '100%', height, border: 0 }}
    />
  );
}
