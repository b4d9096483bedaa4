import { createWriteStream } from 'node:fs';
import { type DestinationStream, type LoggerOptions, multistream, pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** Where the log goes: readable lines or JSON on stdout, and optionally JSON lines appended to a file. */
export interface LogOutput {
  format: 'text' | 'json';
  file?: string;
}

const OPTIONS: LoggerOptions = {
  redact: {
    paths: [
      'req.headers.cookie',
      'req.headers.authorization',
      'req.headers["x-csrf-token"]',
      'res.headers["set-cookie"]',
      '*.password',
    ],
    censor: '[redacted]',
  },
};

/**
 * Structured logs (pino). Cookies, auth headers and passwords never reach the log. `text` is for a person watching a
 * terminal: time, level and message on one line, written synchronously so it keeps its place before the start
 * banner; `json` (and the file) for log collectors. Without an output (tests, tools), JSON on stdout.
 */
export function createLogger(level: string, output: LogOutput = { format: 'json' }): Logger {
  const console: DestinationStream =
    output.format === 'text'
      ? pretty({ sync: true, colorize: false, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' })
      : pino.destination({ dest: 1, sync: true });
  if (!output.file || level === 'silent') return pino({ ...OPTIONS, level }, console);
  const file = createWriteStream(output.file, { flags: 'a' });
  return pino(
    { ...OPTIONS, level },
    multistream([
      { level: level as pino.Level, stream: console },
      { level: level as pino.Level, stream: file },
    ]),
  );
}
