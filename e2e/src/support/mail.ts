// The server's real-SMTP test sink, shared so both suites capture mail the same way.
export { startSmtpSink, type SmtpSink } from '../../../server/src/test/smtp-sink.js';
