import type { Channel, SentimentLabel } from './mention';

// Words that mark a mention as urgent for a PR or care team: safety, legal exposure, money,
// and people stuck somewhere. English, Turkish and Polish stems, matched on lowercase text.
const URGENT = [
  'lawsuit',
  'lawyer',
  'sue ',
  'injur',
  'hurt',
  'unsafe',
  'danger',
  'emergency',
  'stranded',
  'refund',
  'cancel',
  'discriminat',
  'racis',
  'harass',
  'boycott',
  'recall',
  'fire',
  'police',
  'dava',
  'avukat',
  'tehlike',
  'acil',
  'iade',
  'iptal',
  'mahsur',
  'pozew',
  'prawnik',
  'niebezpie',
  'pilne',
  'zwrot',
  'odwołan',
  'utknęł',
];

const URGENT_PATTERN = new RegExp(
  URGENT.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
);

const DIRECT_CHANNELS: readonly Channel[] = ['phone', 'email', 'fax', 'in-person', 'sms'];

/**
 * A 0–100 triage score from what every station already agrees on (the text, channel and the
 * enrichment stored in the ingest op), so priorities are identical everywhere.
 */
export function priorityOf(
  text: string,
  channel: Channel,
  sentiment: { score: number; label: SentimentLabel },
): number {
  let p = 30;
  if (sentiment.label === 'negative') p += 25 + Math.min(15, Math.round(-sentiment.score * 3));
  if (sentiment.label === 'positive') p -= 15;
  if (URGENT_PATTERN.test(text.toLowerCase())) p += 20;
  if (DIRECT_CHANNELS.includes(channel)) p += 10;
  return Math.max(0, Math.min(100, p));
}
