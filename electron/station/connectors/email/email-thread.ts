import { sha256Hex } from '../../ops/op-id';

/** Longest Message-ID kept as it is; a longer one is replaced by its hash (externalId max 256). */
const MAX_ID_CHARS = 250;

/**
 * A Message-ID as the mention keeps it: `<local@domain>`, whitespace and control characters
 * removed; an over-long one becomes `<sha256:…>` so it still fits an external id and the same
 * header always gives the same id (replies referring to it thread the same way).
 */
export function normaliseMessageId(raw: string): string | null {
  // eslint-disable-next-line no-control-regex
  const id = raw.replace(/[\s\u0000-\u001f\u007f]+/g, '');
  const bare = id.replace(/^<+/, '').replace(/>+$/, '');
  if (bare === '') return null;
  const full = `<${bare}>`;
  return full.length <= MAX_ID_CHARS ? full : `<sha256:${sha256Hex(full)}>`;
}

/**
 * Every Message-ID in a References or In-Reply-To value, in order. Those headers may carry
 * comments and phrases beside the ids ("<a@b> (Ana's message of Monday)"), so only the
 * bracketed ids count; a value without brackets is taken whole.
 */
export function messageIdsIn(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const out: string[] = [];
  for (const v of typeof value === 'string' ? [value] : value) {
    const bracketed = v.match(/<[^<>]+>/g);
    for (const raw of bracketed ?? [v]) {
      const id = normaliseMessageId(raw);
      if (id && !out.includes(id)) out.push(id);
    }
  }
  return out;
}

/** How a message sits in its conversation, from its own headers. */
export type ThreadHeaders = {
  /** This message's id (normalised), or null when it has none. */
  messageId: string | null;
  /** The message it answers (In-Reply-To, else the last of References). */
  inReplyTo: string | null;
  /**
   * The conversation's id: the first of References (RFC 5322 3.6.4: the root comes first), else
   * In-Reply-To, else the message's own id. Every message of a well-formed thread gets the same.
   */
  thread: string | null;
};

/** A message's place in its conversation from Message-ID, In-Reply-To and References. */
export function threadOf(headers: {
  messageId?: string | undefined;
  inReplyTo?: string | undefined;
  references?: string | string[] | undefined;
}): ThreadHeaders {
  const messageId = headers.messageId ? normaliseMessageId(headers.messageId) : null;
  const refs = messageIdsIn(headers.references).filter((r) => r !== messageId);
  const replyTo = messageIdsIn(headers.inReplyTo).filter((r) => r !== messageId);
  const inReplyTo = replyTo[0] ?? refs[refs.length - 1] ?? null;
  return { messageId, inReplyTo, thread: refs[0] ?? inReplyTo ?? messageId };
}
