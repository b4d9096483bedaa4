import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as the sink received it: the SMTP envelope, the raw message and the message parsed. */
export interface ReceivedMail {
  mailFrom: string | null;
  /** RCPT TO: every recipient, BCC included (a BCC is never in a header). */
  rcptTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** The same mails with their envelope and raw source. */
  received: ReceivedMail[];
  /** Makes the next deliveries fail with a 4xx answer, as a relay under load would. */
  rejectNext(count: number): void;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives, parsed, for tests of outgoing mail. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const received: ReceivedMail[] = [];
  let rejections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      if (rejections > 0) {
        rejections--;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            messages.push(mail);
            const from = session.envelope.mailFrom;
            received.push({
              mailFrom: from ? from.address : null,
              rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
              raw,
              parsed: mail,
            });
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    received,
    rejectNext: (count) => {
      rejections = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
