import { existsSync } from 'node:fs';
import path from 'node:path';

/** The real-world email samples (../shared/data/email), or HOLDLINE_SHARED_DATA/email. */
export const EMAIL_SAMPLES = path.resolve(
  process.env.HOLDLINE_SHARED_DATA ?? path.resolve(__dirname, '../../../../../shared/data'),
  'email',
);
/** Whether the samples are here (tests using them skip, saying so, when not). */
export const HAVE_EMAIL_SAMPLES = existsSync(path.join(EMAIL_SAMPLES, 'nodemailer.eml'));

/** What a test message says. */
export type TestMail = {
  from?: string;
  to?: string;
  subject?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string;
  date?: string;
  text?: string;
  html?: string;
  attachments?: { filename: string; type: string; content: Buffer }[];
};

/**
 * A raw RFC 5322 message (CRLF line ends) built from parts: text, HTML (as an alternative, or
 * alone) and base64 attachments. Headers left out are not written at all.
 */
export function rawMail(m: TestMail): Buffer {
  const head: string[] = [];
  const put = (name: string, value: string | undefined) => {
    if (value !== undefined) head.push(`${name}: ${value}`);
  };
  put('From', m.from);
  put('To', m.to ?? 'care@holdline.test');
  put('Subject', m.subject);
  put('Date', m.date);
  put('Message-ID', m.messageId);
  put('In-Reply-To', m.inReplyTo);
  put('References', m.references);
  head.push('MIME-Version: 1.0');
  const body = bodyPart(m);
  const atts = m.attachments ?? [];
  if (atts.length === 0) return crlf([...head, ...body]);
  const b = 'mixed-boundary-42';
  const parts = [
    `Content-Type: multipart/mixed; boundary="${b}"`,
    '',
    `--${b}`,
    ...body,
    ...atts.flatMap((a) => [
      `--${b}`,
      `Content-Type: ${a.type}; name="${a.filename}"`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename="${a.filename}"`,
      '',
      ...(a.content.toString('base64').match(/.{1,76}/g) ?? []),
    ]),
    `--${b}--`,
  ];
  return crlf([...head, ...parts]);
}

function bodyPart(m: TestMail): string[] {
  const text = (s: string) => [
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    ...(Buffer.from(s, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []),
  ];
  const html = (s: string) => [
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    ...(Buffer.from(s, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []),
  ];
  if (m.html === undefined) return text(m.text ?? '');
  if (m.text === undefined) return html(m.html);
  const b = 'alt-boundary-7';
  return [
    `Content-Type: multipart/alternative; boundary="${b}"`,
    '',
    `--${b}`,
    ...text(m.text),
    `--${b}`,
    ...html(m.html),
    `--${b}--`,
  ];
}

function crlf(lines: string[]): Buffer {
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}
