import { formatIsoDay } from '@anliegen/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { usePageTitle } from '../../components/ui/use-page-title';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { meQuery } from '../../lib/auth';
import { deliveryLabelKey, type MailStatus } from '../../lib/mail-state';
import { useMailStatus } from '../../lib/mail-status';
import { trpc } from '../../lib/trpc';
import { attachmentsByEntry, formatFileSize, numberedOldestFirst, type PrintAttachment, pageMarginCss } from './case-print';
import classes from './case-print-page.module.css';
import { Fact, PrintView } from './print-view';

const route = getRouteApi('/app/cases/$reference/print');
type Detail = RouterOutputs['cases']['byReference'];
type Entry = Detail['timeline'][number];
type Citizen = RouterOutputs['citizens']['panel']['citizen'];

/** Status, priority, who has it, when it came and went: what a paper file's cover sheet says. */
function CaseFacts({ data }: { data: Detail['case'] }) {
  const { t, formatDateTime } = usePageI18n();
  return (
    <section aria-labelledby="print-facts" className={classes.section}>
      <h2 id="print-facts">{t('print.facts')}</h2>
      <dl className={classes.facts}>
        <Fact term={t('print.reference')}>
          <span className={classes.reference}>{data.reference}</span>
        </Fact>
        <Fact term={t('inbox.subject')}>{data.subject}</Fact>
        <Fact term={t('inbox.status')}>{t(`status.${data.status}`)}</Fact>
        <Fact term={t('inbox.priority')}>{t(`priority.${data.priority}`)}</Fact>
        <Fact term={t('inbox.channel')}>{t(`channels.${data.originChannel}`)}</Fact>
        <Fact term={t('inbox.team')}>{data.team?.name ?? t('case.noTeam')}</Fact>
        <Fact term={t('case.assignee')}>{data.assignee?.displayName ?? t('case.unassigned')}</Fact>
        <Fact term={t('inbox.category')}>{data.category?.name ?? t('case.noCategory')}</Fact>
        <Fact term={t('print.createdAt')}>{formatDateTime(data.createdAt)}</Fact>
        {data.resolvedAt !== null && <Fact term={t('print.resolvedAt')}>{formatDateTime(data.resolvedAt)}</Fact>}
        {data.closedAt !== null && <Fact term={t('print.closedAt')}>{formatDateTime(data.closedAt)}</Fact>}
      </dl>
    </section>
  );
}

/** Who the case is about and how to reach them, as the case page shows them to the agent. */
function CitizenFacts({ citizen }: { citizen: Citizen }) {
  const { t, locale } = usePageI18n();
  return (
    <section aria-labelledby="print-citizen" className={classes.section}>
      <h2 id="print-citizen">{t('print.citizen')}</h2>
      <dl className={classes.facts}>
        <Fact term={t('citizens.name')}>
          {citizen.displayName}
          {citizen.unverified && ` ${t('print.unverified')}`}
        </Fact>
        {citizen.birthDate && <Fact term={t('citizens.birthDate')}>{formatIsoDay(citizen.birthDate, locale)}</Fact>}
        {citizen.contacts.length === 0 ? (
          <Fact term={t('panel.contacts')}>{t('panel.noContacts')}</Fact>
        ) : (
          citizen.contacts.map((contact) => (
            <Fact key={contact.id} term={t(`contactKind.${contact.kind}`)}>
              <span className={classes.lines}>{contact.display}</span>
            </Fact>
          ))
        )}
      </dl>
    </section>
  );
}

function AttachmentItem({ file }: { file: PrintAttachment }) {
  const { t, formatNumber } = usePageI18n();
  return (
    <li>
      {t('print.attachment', {
        name: file.filename,
        type: file.contentType,
        size: formatFileSize(file.sizeBytes, t, formatNumber),
      })}
    </li>
  );
}

/**
 * Who wrote or said it (the sender of what came in, said plainly when not the citizen; the agent who wrote or took it),
 * how long a call took, whether a mail left, and a machine's mail said as such.
 */
function EntryMeta({ item, citizenName, mail }: { item: Entry; citizenName: string; mail: MailStatus | undefined }) {
  const { t } = usePageI18n();
  const parts: string[] = [];
  if (item.direction === 'inbound') {
    const sender = item.sender;
    const who = sender?.address ? (sender.name ? `${sender.name} <${sender.address}>` : sender.address) : citizenName;
    parts.push(sender?.otherSender ? t('case.otherSender', { sender: who }) : t('print.from', { name: who }));
  }
  if (item.authorName) {
    // A call or a visit is taken down by the agent; a mail or a note is written by them.
    const recorded = item.channel === 'phone' || item.channel === 'counter' || item.direction === 'inbound';
    parts.push(t(recorded ? 'print.recordedBy' : 'print.author', { name: item.authorName }));
  }
  if (item.durationSeconds) {
    parts.push(t('case.duration', { minutes: t('common.minutes', { n: Math.max(1, Math.round(item.durationSeconds / 60)) }) }));
  }
  if (item.deliveryStatus) parts.push(t(deliveryLabelKey(item.deliveryStatus, mail)));
  if (item.machine) parts.push(t(`case.machine.${item.machine}`));
  return parts.length > 0 ? <p className={classes.meta}>{parts.join(' · ')}</p> : null;
}

/** One entry of the timeline: what, when, who, the text (a mail's plain text, never its HTML) and its files by name. */
function PrintedEntry({
  number,
  item,
  citizenName,
  mail,
}: {
  number: number;
  item: Entry;
  citizenName: string;
  mail: MailStatus | undefined;
}) {
  const { t, formatDateTime } = usePageI18n();
  const internal = item.direction === 'internal';
  const kind = internal ? t('print.internalNote') : `${t(`channels.${item.channel}`)}, ${t(`direction.${item.direction}`)}`;
  return (
    <li className={internal ? `${classes.entry} ${classes.internal}` : classes.entry}>
      <article aria-labelledby={`print-entry-${item.id}`}>
        <h3 id={`print-entry-${item.id}`} className={classes.entryHeading}>
          {number}. {kind} – <time dateTime={new Date(item.occurredAt).toISOString()}>{formatDateTime(item.occurredAt)}</time>
        </h3>
        <EntryMeta item={item} citizenName={citizenName} mail={mail} />
        {item.subject && <p className={classes.subject}>{t('print.subject', { subject: item.subject })}</p>}
        <p className={classes.text}>{item.text.trim() === '' ? t('print.noText') : item.text}</p>
        {item.attachments.length > 0 && (
          <>
            <p className={classes.meta}>{t('print.entryAttachments', { n: item.attachments.length })}</p>
            <ul className={classes.files}>
              {item.attachments.map((file) => (
                <AttachmentItem key={file.id} file={file} />
              ))}
            </ul>
          </>
        )}
      </article>
    </li>
  );
}

/**
 * A case for the paper file, laid out for A4: facts, citizen, the whole timeline oldest first, and the attachments by
 * name. On screen a sheet with a print button and the way back; printed without the app's header and navigation,
 * black on white, with the reference and "Seite 1 von 3" in every page's margin.
 */
export function CasePrintPage() {
  const { t, locale, formatDateTime } = usePageI18n();
  const { reference } = route.useParams();
  const navigate = useNavigate();
  const detail = useSuspenseQuery(trpc.cases.byReference.queryOptions({ reference })).data;
  const panel = useSuspenseQuery(trpc.citizens.panel.queryOptions({ id: detail.case.citizen.id })).data;
  const me = useSuspenseQuery(meQuery()).data!;
  const [printedAt] = useState(() => Date.now());
  const entries = numberedOldestFirst(detail.timeline);
  const withFiles = attachmentsByEntry(entries);
  // Whether a queued mail can leave at all: asked only when a mail waits (as the case page's timeline does).
  const mail = useMailStatus(
    detail.timeline.some((item) => item.deliveryStatus === 'pending' || item.deliveryStatus === 'sending'),
  ).data;
  usePageTitle(t('print.documentTitle', { reference: detail.case.reference, subject: detail.case.subject }));

  // A merged case lives on under the reference it was merged into.
  useEffect(() => {
    if (detail.redirectedFrom)
      void navigate({ to: '/cases/$reference/print', params: { reference: detail.case.reference }, replace: true });
  }, [detail.redirectedFrom, detail.case.reference, navigate]);

  return (
    <PrintView reference={detail.case.reference} printLabel={t('print.print')} hint={t('print.hint')}>
      <style>{pageMarginCss(detail.case.reference, t('print.pageOf'))}</style>
      <div className={classes.sheet} lang={locale}>
        <p className={classes.desk}>
          {t('app.name')} · {t('app.tagline')}
        </p>
        <h1 className={classes.title}>
          <span className={classes.reference}>{detail.case.reference}</span> · {detail.case.subject}
        </h1>
        <p className={classes.meta}>{t('print.printedAt', { date: formatDateTime(printedAt), name: me.displayName })}</p>
        <CaseFacts data={detail.case} />
        <CitizenFacts citizen={panel.citizen} />
        <section aria-labelledby="print-timeline" className={classes.section}>
          <h2 id="print-timeline">{t('print.timeline')}</h2>
          {entries.length === 0 ? (
            <p>{t('print.noEntries')}</p>
          ) : (
            <ol className={classes.timeline}>
              {entries.map(({ number, item }) => (
                <PrintedEntry
                  key={item.id}
                  number={number}
                  item={item}
                  citizenName={detail.case.citizen.displayName}
                  mail={mail}
                />
              ))}
            </ol>
          )}
        </section>
        <section aria-labelledby="print-attachments" className={classes.section}>
          <h2 id="print-attachments">{t('print.attachments')}</h2>
          {withFiles.length === 0 ? (
            <p>{t('print.noAttachments')}</p>
          ) : (
            <>
              <p className={classes.meta}>{t('print.attachmentsNote')}</p>
              <dl className={classes.facts}>
                {withFiles.map(({ number, item, attachments }) => (
                  <Fact key={item.id} term={t('print.attachmentsOfEntry', { n: number })}>
                    <ul className={classes.files}>
                      {attachments.map((file) => (
                        <AttachmentItem key={file.id} file={file} />
                      ))}
                    </ul>
                  </Fact>
                ))}
              </dl>
            </>
          )}
        </section>
      </div>
    </PrintView>
  );
}
