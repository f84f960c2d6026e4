import type { MentionInput } from '../../../../shared/domain/mention';
import { mentionOfMessage, unreadableMention } from './mail-mention';

/** One message as fetched from the mailbox. */
export type FetchedMessage = {
  uid: number;
  source: Buffer;
  internalDate: Date | null;
  /** True when only the first part of a very large message was fetched. */
  partial: boolean;
};

/** What a batch of messages became. */
export type MappedBatch = {
  mentions: MentionInput[];
  /** Messages that are not mentions (bounces, reports), with why. */
  skipped: { uid: number; why: string }[];
  /** Messages that could not be read (kept as placeholder mentions), with why. */
  unreadable: { uid: number; why: string }[];
};

/** Looks up the thread of a message already taken in (by its Message-ID), or null. */
export type ThreadLookup = (messageId: string) => Promise<string | null>;

/**
 * Maps fetched messages to mentions, in UID order. A reply that names only its parent (In-Reply-To
 * without References, as some mail programs send) joins its parent's thread when the parent is in
 * the batch or already taken in; otherwise its parent's id stands for the thread.
 */
export async function mapBatch(
  messages: readonly FetchedMessage[],
  mailbox: string,
  knownThread: ThreadLookup,
): Promise<MappedBatch> {
  const out: MappedBatch = { mentions: [], skipped: [], unreadable: [] };
  const threads = new Map<string, string>();
  for (const m of [...messages].sort((a, b) => a.uid - b.uid)) {
    const facts = { internalDate: m.internalDate, mailbox, partial: m.partial };
    let mention: MentionInput;
    try {
      const r = await mentionOfMessage(m.source, facts);
      if ('skipped' in r) {
        out.skipped.push({ uid: m.uid, why: r.skipped });
        continue;
      }
      mention = r.mention;
    } catch (err) {
      out.unreadable.push({ uid: m.uid, why: err instanceof Error ? err.message : String(err) });
      mention = unreadableMention(m.source, err, facts);
    }
    const md = mention.metadata;
    const parent = typeof md.inReplyTo === 'string' ? md.inReplyTo : null;
    if (parent !== null && md.thread === parent) {
      const inherited = threads.get(parent) ?? (await knownThread(parent));
      if (inherited) md.thread = inherited;
    }
    if (typeof md.thread === 'string') threads.set(mention.externalId, md.thread);
    out.mentions.push(mention);
  }
  return out;
}
