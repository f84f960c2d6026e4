import type { z } from 'zod';
import type { StationCore } from '../core/core';
import { mentionById, mentionsByIds } from '../db/queries/mention-reads';
import { maxMentionSeq } from '../db/queries/routing';
import type { OpDraft } from '../ops/op';
import { CommandError } from '../mentions/commands';
import { nearDuplicateSettingsInForce } from '../routing/rules-service';
import { messageViews } from './message-views';
import { commitJudged, storedMessage } from './message-commands';
import type { Mention } from '../../../shared/domain/mention';
import type { Send, SendPayload } from '../../../shared/messaging/message-state';
import { personalise, recipientOf } from '../../../shared/messaging/wave';
import { alikeTo, comparableWords, lookupWords } from '../../../shared/routing/near-duplicates';
import type { NearDuplicateSettings } from '../../../shared/routing/routing-schema';
import type { SendWaveSchema, WaveSendResult, WaveView } from '../../../shared/contract/waves';

// A wave worth answering together is recent: candidates are among the newest RECENT mentions
// this station holds (a surge's last hours), at most CANDIDATES of them, newest first.
const RECENT = 100_000;
const CANDIDATES = 2_000;
// An FTS5 term: what the index's tokenizer keeps as one token (else a quoted word is a phrase,
// which an index without positions cannot run).
const TERM = /^[\p{L}\p{N}]{1,100}$/u;

type Candidate = { id: string; text: string; claim_operator: string | null };

/**
 * The open mentions asking the same as `mentionId` (the room's nearDuplicates settings): those
 * nobody else holds, most alike first, to answer as one wave. Candidates come from the full-text
 * index by the mention's rarest words (none alike can lack them all), newest first, and are then
 * compared by word shingles.
 */
export async function findWave(
  core: StationCore,
  mentionId: string,
  me: string,
): Promise<WaveView> {
  const target = await mentionById(core.read, mentionId);
  if (!target) throw new CommandError('not-found', `no mention with id ${mentionId}`);
  const settings = await nearDuplicateSettingsInForce(core.read);
  const none: WaveView = {
    mentionId,
    members: [],
    heldByOthers: 0,
    threshold: settings.similarity,
  };
  const { query, after } = await waveLookup(core, target.text, settings);
  if (query === null) return none;
  const candidates = await core.read.all<Candidate>(
    // The index hits drive (CROSS JOIN): the planner otherwise walks every open mention by
    // the status index and probes the hits, ~50 ms on a million (bench/waves).
    `SELECT m.id, m.text, m.claim_operator
     FROM (SELECT rowid AS seq FROM mentions_fts WHERE mentions_fts MATCH ? AND rowid > ?
           ORDER BY rowid DESC LIMIT ${CANDIDATES}) AS hit
     CROSS JOIN mentions m ON m.seq = hit.seq
     WHERE m.status = 'open' AND m.id <> ?`,
    [query, after, mentionId],
  );
  const alike = alikeTo<Candidate>(
    { id: mentionId, text: target.text, claim_operator: null },
    candidates,
    settings,
  );
  const free = alike.filter((a) => a.item.claim_operator === null || a.item.claim_operator === me);
  const byId = new Map(
    (
      await mentionsByIds(
        core.read,
        free.map((a) => a.item.id),
      )
    ).map((m) => [m.id, m]),
  );
  const members: WaveView['members'] = [];
  if (target.status === 'open' && (target.claim === null || target.claim.operatorId === me))
    members.push({ mention: target, similarity: 1 });
  for (const a of free) {
    const mention = byId.get(a.item.id);
    if (mention) members.push({ mention, similarity: a.similarity });
  }
  return { ...none, members, heldByOthers: alike.length - free.length };
}

/**
 * How many of the recent mentions hold each of a text's words (counted up to CANDIDATES: past
 * that a word is just common), for lookupWords to pick the rarest. One query, one capped count
 * per word; words the index cannot look up as one term are left out.
 */
async function recentCounts(
  core: StationCore,
  text: string,
  after: number,
): Promise<Map<string, number>> {
  const terms = [...new Set(comparableWords(text))].filter((w) => TERM.test(w)).slice(0, 64);
  if (terms.length === 0) return new Map();
  const count = `(SELECT count(*) FROM (SELECT 1 FROM mentions_fts WHERE mentions_fts MATCH ?
                  AND rowid > ? LIMIT ${CANDIDATES + 1}))`;
  const rows = await core.read.all<{ i: number; n: number }>(
    terms.map((_, i) => `SELECT ${i} AS i, ${count} AS n`).join(' UNION ALL '),
    terms.flatMap((w) => [`"${w}"`, after]),
  );
  return new Map(rows.map((r) => [terms[r.i] as string, r.n]));
}

/**
 * The FTS5 query for a text's near-duplicates among the recent mentions (the rowid they come
 * after); query null when the text has no words to look up by.
 */
export async function waveLookup(
  core: StationCore,
  text: string,
  settings: NearDuplicateSettings,
): Promise<{ query: string | null; after: number }> {
  const after = (await maxMentionSeq(core.read)) - RECENT;
  const counts = await recentCounts(core, text, after);
  const words = lookupWords(text, (w) => counts.get(w), settings);
  // Lookup words are letters and digits only, so quoting each makes a safe FTS5 query.
  return { query: words.length === 0 ? null : words.map((w) => `"${w}"`).join(' OR '), after };
}

/** Why a mention is left out of a wave send, or null when it gets the answer. */
function skipReason(m: Mention | undefined, me: string, sentTo: Set<string>): string | null {
  if (!m) return 'no such mention';
  if (sentTo.has(m.id)) return 'it already had this answer';
  if (m.status !== 'open') return `it is ${m.status}`;
  if (m.claim && m.claim.operatorId !== me) return `${m.claim.operatorName} holds it`;
  return null;
}

/**
 * Sends an approved wave answer to each mention, personalised with its author's name and case
 * number, and answers each, in one transaction. Mentions answered, closed or held by someone
 * else since the wave was found are left out and say why; the fold every station runs judges
 * each send again (the approved text, filled for that mention, once per mention).
 */
export async function sendWave(
  core: StationCore,
  actor: string,
  input: z.output<typeof SendWaveSchema>,
): Promise<WaveSendResult> {
  const row = await storedMessage(core, input.messageId);
  if (row.wave !== 1) throw new CommandError('invalid', 'this message is not a wave answer');
  if (row.content_hash !== input.contentHash)
    throw new CommandError('conflict', 'the text changed since you saw it: look again');
  const sentTo = new Set(
    (JSON.parse(row.sends) as Send[]).flatMap((s) =>
      'mentionId' in s.target ? [s.target.mentionId] : [],
    ),
  );
  const ids = [...new Set(input.mentionIds)];
  const byId = new Map((await mentionsByIds(core.db, ids)).map((m) => [m.id, m]));
  const skipped: WaveSendResult['skipped'] = [];
  const sent: WaveSendResult['sent'] = [];
  const drafts: OpDraft[] = [];
  for (const id of ids) {
    const m = byId.get(id);
    const reason = skipReason(m, actor, sentTo);
    if (reason || !m) {
      skipped.push({ mentionId: id, reason: reason ?? 'no such mention' });
      continue;
    }
    const recipient = recipientOf(m);
    const filled = personalise(row.text, recipient);
    if (filled.missing.length > 0)
      throw new CommandError(
        'invalid',
        `fill ${filled.missing.map((v) => `{{${v}}}`).join(', ')} before sending`,
      );
    const payload: SendPayload = {
      contentHash: row.content_hash,
      text: filled.text,
      channel: m.channel,
      target: { mentionId: m.id },
      via: input.via,
      recipient,
    };
    drafts.push(
      { type: 'message.send', v: 2, actor, subject: row.id, payload },
      { type: 'mention.answer', v: 1, actor, subject: m.id, payload: {} },
    );
    sent.push({ mentionId: m.id, text: filled.text });
  }
  if (drafts.length > 0) await commitJudged(core, row.id, drafts);
  const [message] = await messageViews(core.db, [row.id]);
  if (!message) throw new CommandError('not-found', `no message with id ${row.id}`);
  // What the fold recorded is what went out (a peer's op can still refuse one after the check).
  const recorded = new Set(message.sends.map((x) => x.target));
  for (const s of sent.filter((x) => !recorded.has(x.mentionId)))
    skipped.push({ mentionId: s.mentionId, reason: 'the room refused this send' });
  return { message, sent: sent.filter((x) => recorded.has(x.mentionId)), skipped };
}
