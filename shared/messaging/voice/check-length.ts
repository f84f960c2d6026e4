import { forEachGrapheme } from './graphemes';
import type { VoiceFinding } from './voice-finding';
import type { LengthLimit } from './voice-schema';

// Links as Twitter/X finds them, bare domains included ("example.com/recall"), each up to its
// last character that is not closing punctuation ("see https://x.co/a." ends at a). The TLDs
// are the common ones, not twitter-text's full list: "Mr.Smith" must not become a link.
const TLDS = 'com|org|net|edu|gov|info|biz|io|co|app|dev|me|tv|ly|eu|uk|us|de|fr|nl|es|it|pl|tr';
const LINK_END = `[^\\s.,;:!?)\\]'"’”]`;
const LINK = new RegExp(
  `(?<![\\p{L}\\p{N}@.-])(?:https?://\\S*${LINK_END}|(?:[\\p{L}\\p{N}-]+\\.)+(?:${TLDS})(?![\\p{L}\\p{N}-])(?:/\\S*${LINK_END})?)`,
  'giu',
);

/**
 * The draft's length as the channel counts it: characters as a reader sees them (so an emoji
 * or a Polish "ś" typed as s + accent is one), every link as `urlLength` when the channel
 * shortens links. Also where the text first goes past `max`, to highlight what must go.
 */
export function measure(
  text: string,
  limit: LengthLimit,
): { length: number; links: number; overflowAt: number | undefined } {
  let length = 0;
  let links = 0;
  let overflowAt: number | undefined;
  const count = (units: number, at: number) => {
    length += units;
    if (overflowAt === undefined && limit.max !== undefined && length > limit.max) overflowAt = at;
  };
  const countPlain = (from: number, to: number) => {
    forEachGrapheme(text.slice(from, to), (start) => count(1, from + start));
  };
  let done = 0;
  if (limit.urlLength !== undefined) {
    for (const link of text.matchAll(LINK)) {
      countPlain(done, link.index);
      count(limit.urlLength, link.index);
      links++;
      done = link.index + link[0].length;
    }
  }
  countPlain(done, text.length);
  return { length, links, overflowAt };
}

/** Over the channel's maximum blocks approval; under its minimum is a warning. */
export function checkLength(
  text: string,
  channel: string,
  lengths: Record<string, LengthLimit>,
): VoiceFinding[] {
  const limit = lengths[channel.trim().toLowerCase()];
  if (!limit || text.trim() === '') return [];
  const { length, links, overflowAt } = measure(text, limit);
  const linkNote = links > 0 ? ` (each link counts as ${limit.urlLength})` : '';
  if (limit.max !== undefined && overflowAt !== undefined)
    return [
      {
        rule: 'length',
        severity: 'block',
        message: `Too long for ${channel}: ${length} characters${linkNote} where ${limit.max} fit; cut ${length - limit.max}.`,
        start: overflowAt,
        end: text.length,
      },
    ];
  if (limit.min !== undefined && length < limit.min)
    return [
      {
        rule: 'length',
        severity: 'warn',
        message: `Short for ${channel}: ${length} characters, and this brand asks for at least ${limit.min}.`,
      },
    ];
  return [];
}
