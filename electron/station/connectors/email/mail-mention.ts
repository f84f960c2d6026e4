import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import {
  MAX_TEXT_CHARS,
  MentionInputSchema,
  type Author,
  type MentionInput,
} from '../../../../shared/domain/mention';
import { sha256Hex } from '../../ops/op-id';
import { threadOf } from './email-thread';
import { textOfHtml, tidyText } from './html-text';
import { attachmentsLine, listAttachments } from './mail-attachments';

/** Said at the end of a text cut at MAX_TEXT_CHARS. */
export const TRUNCATED_MARKER = '\n\n[… message cut here: it was too long to show in full]';
/** A Date header this far past the server's receipt time is not believed (a sender's wrong clock). */
const MAX_FUTURE_MS = 24 * 3600_000;

/** What the mailbox knows about a message besides its bytes. */
export type MailFacts = {
  /** When the server received it (IMAP INTERNALDATE): the time when the Date header is unusable. */
  internalDate?: Date | null;
  /** The mailbox it was read from, kept as provenance. */
  mailbox?: string;
  /** True when only the first part of a very large message was fetched. */
  partial?: boolean;
  /** Now (tests pass their own). */
  now?: () => number;
};

/** A message as a mention, or why it is not one (a bounce is not a customer writing in). */
export type MailMention = { mention: MentionInput } | { skipped: string };

/**
 * Parses raw RFC 5322 bytes. HTML is left unconverted (we convert it ourselves, stricter), cid:
 * images stay links rather than being inlined, and attachments are not hashed: only listed.
 */
export function parseMail(source: Buffer): Promise<ParsedMail> {
  return simpleParser(source, {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
    keepCidLinks: true,
    checksumAlgo: false,
  });
}

/** Parses a message and maps it to a mention (see mentionOfMail). */
export async function mentionOfMessage(
  source: Buffer,
  facts: MailFacts = {},
): Promise<MailMention> {
  return mentionOfMail(await parseMail(source), source, facts);
}

/**
 * Maps a parsed message to an email mention: external id = Message-ID (or a hash of the message
 * when it has none), author = From, text = the plain text part or the HTML reduced to text,
 * subject, recipients, thread and attachments (names, types and sizes only) in metadata.
 */
export function mentionOfMail(
  mail: ParsedMail,
  source: Buffer,
  facts: MailFacts = {},
): MailMention {
  const type = mail.headers.get('content-type');
  const contentType = typeof type === 'object' && type && 'value' in type ? type.value : '';
  if (String(contentType).toLowerCase() === 'multipart/report')
    return { skipped: 'a delivery or read report, not a message from a person' };

  const t = threadOf(mail);
  const externalId = t.messageId ?? `sha256:${sha256Hex(source)}`;
  const attachments = listAttachments(mail.attachments);
  const { text, truncated } = bodyText(mail, attachments.length);
  const metadata: MentionInput['metadata'] = {
    subject: clip(mail.subject ?? '', 1000),
    to: clip(addressText(mail.to), 1000),
    messageId: t.messageId,
    inReplyTo: t.inReplyTo,
    thread: t.thread ?? externalId,
    attachmentCount: attachments.length,
    ...(attachments.length > 0 && { attachments: attachmentsLine(attachments) }),
    ...((truncated || facts.partial) && { truncated: true }),
    ...(spamFlagged(mail) && { spamFlag: true }),
    ...(facts.mailbox !== undefined && { mailbox: clip(facts.mailbox, 256) }),
  };
  const mention = MentionInputSchema.parse({
    author: authorOf(mail),
    channel: 'email',
    externalId,
    metadata,
    occurredAt: occurredAt(mail.date, facts),
    text,
  });
  return { mention };
}

/**
 * The mention of a message that could not be parsed or mapped: kept rather than dropped, so an
 * operator sees that something came in (under a hash of its bytes, like a message without id).
 */
export function unreadableMention(
  source: Buffer,
  err: unknown,
  facts: MailFacts = {},
): MentionInput {
  const why = err instanceof Error ? err.message : String(err);
  return MentionInputSchema.parse({
    author: { handle: '(unreadable message)' },
    channel: 'email',
    externalId: `sha256:${sha256Hex(source)}`,
    metadata: {
      unreadable: clip(why, 500),
      ...(facts.mailbox !== undefined && { mailbox: clip(facts.mailbox, 256) }),
    },
    occurredAt: occurredAt(undefined, facts),
    text: `(this message could not be read: ${clip(why, 500)})`,
  });
}

function bodyText(mail: ParsedMail, attachments: number): { text: string; truncated: boolean } {
  const plain = tidyText(mail.text ?? '');
  const body = plain !== '' ? plain : typeof mail.html === 'string' ? textOfHtml(mail.html) : '';
  const text =
    body !== ''
      ? body
      : attachments > 0
        ? `(no text: ${attachments} attachment${attachments === 1 ? '' : 's'})`
        : '(no text)';
  if (text.length <= MAX_TEXT_CHARS) return { text, truncated: false };
  let cut = MAX_TEXT_CHARS - TRUNCATED_MARKER.length;
  // Never split a surrogate pair (half an emoji is not text).
  if (/[\ud800-\udbff]/.test(text.charAt(cut - 1))) cut -= 1;
  return { text: text.slice(0, cut) + TRUNCATED_MARKER, truncated: true };
}

function authorOf(mail: ParsedMail): Author {
  const from = mail.from?.value[0] ?? mail.replyTo?.value[0];
  const address = clip(from?.address?.trim() ?? '', 320);
  const name = clip(from?.name?.trim() ?? '', 256);
  return {
    ...(address !== '' && { email: address }),
    handle: clip(address.toLowerCase(), 256) || name || '(no sender)',
    ...(name !== '' && { name }),
  };
}

function occurredAt(date: Date | undefined, facts: MailFacts): string {
  const received = facts.internalDate ?? null;
  const fallback =
    received && !Number.isNaN(received.getTime()) ? received : new Date((facts.now ?? Date.now)());
  // toISOString writes years past 9999 with six digits, which no ISO 8601 reader here accepts.
  if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999)
    return fallback.toISOString();
  if (date.getTime() > fallback.getTime() + MAX_FUTURE_MS) return fallback.toISOString();
  return date.toISOString();
}

function addressText(to: AddressObject | AddressObject[] | undefined): string {
  if (!to) return '';
  return (Array.isArray(to) ? to : [to]).map((a) => a.text).join(', ');
}

function spamFlagged(mail: ParsedMail): boolean {
  const flag = mail.headers.get('x-spam-flag');
  return typeof flag === 'string' && /^\s*yes/i.test(flag);
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
