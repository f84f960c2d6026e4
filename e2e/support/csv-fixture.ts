import { writeFileSync } from 'node:fs';

// A generated export in the airline-2015 preset's exact columns, so the UI import test never
// depends on the shared data folder. Deterministic: the same rows every run.

/** The airline export's header (see ../shared/data/README.md). */
export const AIRLINE_HEADER =
  'tweet_id,airline_sentiment,airline_sentiment_confidence,negativereason,negativereason_confidence,airline,airline_sentiment_gold,name,negativereason_gold,retweet_count,text,tweet_coord,tweet_created,tweet_location,user_timezone';

const AIRLINES = ['United', 'US Airways', 'American', 'Southwest', 'Delta', 'Virgin America'];
const HANDLES: Record<string, string> = {
  United: '@united',
  'US Airways': '@USAirways',
  American: '@AmericanAir',
  Southwest: '@SouthwestAir',
  Delta: '@Delta',
  'Virgin America': '@VirginAmerica',
};
const COMPLAINTS = [
  'my flight is delayed again and nobody at the gate knows why',
  'lost my bag in Chicago, three calls and still no answer',
  'thanks for the quick rebooking, great crew today',
  'cancelled flight, stuck overnight, where is the hotel voucher',
  'on hold for two hours with customer service',
  'the app will not let me change my seat',
];
const SENTIMENTS = ['negative', 'negative', 'positive', 'negative', 'negative', 'neutral'];

/** A row the search test looks for: the only one containing its marker word. */
export const NEEDLE = {
  tweetId: '990000000000000777',
  word: 'quokkaquest',
  author: 'needle_author',
};

/** Quotes a CSV field (RFC 4180). */
function field(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The rows of a generated airline-style export with `rows` distinct tweets. */
export function airlineStyleCsv(rows: number): string {
  const lines = [AIRLINE_HEADER];
  const start = Date.UTC(2015, 1, 17, 8, 0, 0);
  for (let i = 0; i < rows; i++) {
    const airline = AIRLINES[i % AIRLINES.length] ?? 'United';
    const kind = (i * 7) % COMPLAINTS.length;
    const id = String(980000000000000000n + BigInt(i));
    const isNeedle = i === Math.floor(rows / 2);
    const text = isNeedle
      ? `${HANDLES[airline]} ${NEEDLE.word}: my wheelchair was left on the plane`
      : `${HANDLES[airline]} ${COMPLAINTS[kind]} (#${i})`;
    // -0800 like the real export: the wall clock of Pacific time, written with its offset.
    const at = new Date(start + i * 37_000 - 8 * 3600_000)
      .toISOString()
      .replace('T', ' ')
      .slice(0, 19);
    lines.push(
      [
        isNeedle ? NEEDLE.tweetId : id,
        SENTIMENTS[kind] ?? 'neutral',
        '1.0',
        SENTIMENTS[kind] === 'negative' ? 'Late Flight' : '',
        '',
        airline,
        '',
        isNeedle ? NEEDLE.author : `traveller${i % 997}`,
        '',
        '0',
        text,
        '',
        `${at} -0800`,
        i % 3 === 0 ? 'Seattle, WA' : '',
        'Pacific Time (US & Canada)',
      ]
        .map(field)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes a generated export to `file`. */
export function writeAirlineStyleCsv(file: string, rows: number): void {
  writeFileSync(file, airlineStyleCsv(rows), 'utf8');
}
