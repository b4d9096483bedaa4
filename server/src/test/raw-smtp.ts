import { connect, type Socket } from 'node:net';

/** The server's answer to the message: code and text of its reply to the end of DATA. */
export interface SmtpReply {
  code: number;
  text: string;
}

/** Reads whole SMTP replies (multi-line ones end at the line "NNN text"). */
function replyReader(socket: Socket) {
  let buffer = '';
  const waiting: ((reply: SmtpReply) => void)[] = [];
  const ready: SmtpReply[] = [];
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (/^\d{3}-/.test(line)) continue;
      const reply = { code: Number(line.slice(0, 3)), text: line.slice(4) };
      const next = waiting.shift();
      if (next) next(reply);
      else ready.push(reply);
    }
  });
  return () =>
    new Promise<SmtpReply>((resolve, reject) => {
      const reply = ready.shift();
      if (reply) return resolve(reply);
      waiting.push(resolve);
      socket.once('error', reject);
    });
}

/**
 * Sends one message over a plain SMTP conversation, byte for byte as given (8-bit headers, bare bodies, any
 * envelope including the null sender `<>`), as a mail server that forwards to the desk would. Lines are sent with
 * CRLF and dot-stuffed; nothing else is changed. Returns the reply to the message (250 or an error code).
 */
export async function sendRawSmtp(
  port: number,
  message: Buffer | string,
  envelope: { mailFrom: string; rcptTo: string[] },
): Promise<SmtpReply> {
  const socket = connect(port, '127.0.0.1');
  const nextReply = replyReader(socket);
  const command = async (line: string, expect: number) => {
    socket.write(`${line}\r\n`, 'latin1');
    const reply = await nextReply();
    if (reply.code !== expect) throw Object.assign(new Error(`${line} → ${reply.code} ${reply.text}`), { reply });
    return reply;
  };
  try {
    await nextReply();
    await command('EHLO relay.example', 250);
    await command(`MAIL FROM:<${envelope.mailFrom}>`, 250);
    for (const rcpt of envelope.rcptTo) await command(`RCPT TO:<${rcpt}>`, 250);
    await command('DATA', 354);
    const bytes = Buffer.isBuffer(message) ? message : Buffer.from(message, 'utf8');
    // Normalise line ends to CRLF and stuff leading dots, on bytes so 8-bit content passes unchanged.
    const lines = bytes
      .toString('latin1')
      .split(/\r?\n/)
      .map((line) => (line.startsWith('.') ? `.${line}` : line));
    socket.write(`${lines.join('\r\n')}\r\n.\r\n`, 'latin1');
    const reply = await nextReply();
    socket.write('QUIT\r\n');
    return reply;
  } finally {
    socket.end();
  }
}
