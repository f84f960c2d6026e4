import type { ReviewMention } from './review-input';

/**
 * Review mentions held column by column: numbers in typed arrays, repeated strings (author,
 * channel, department, brand, label) as codes into a list of the distinct ones. A million
 * mentions take about 100 bytes each plus their ids, where a million objects took several times
 * that.
 *
 * Iterating yields ONE view object, moved along the columns: read what you need from each item
 * and keep none of them (the KPIs of this folder keep numbers and strings, never items).
 */
export class MentionColumns implements Iterable<ReviewMention> {
  /** Mentions held. */
  length = 0;
  private capacity: number;
  private ids: string[] = [];
  /** @internal Columns, read by the view. */
  readonly strings = {
    author: new Strings(),
    channel: new Strings(),
    department: new Strings(),
    brand: new Strings(),
    label: new Strings(),
  };
  /** @internal */ codes: Record<keyof MentionColumns['strings'], Int32Array>;
  /** @internal */ times: Record<(typeof TIMES)[number], Float64Array>;
  /** @internal */ answers: Int32Array;
  /** @internal */ touched: Uint8Array;

  constructor(capacity = 1_024) {
    this.capacity = Math.max(1, capacity);
    const f = () => new Float64Array(this.capacity);
    const i = () => new Int32Array(this.capacity);
    this.times = Object.fromEntries(TIMES.map((k) => [k, f()])) as MentionColumns['times'];
    this.codes = { author: i(), channel: i(), department: i(), brand: i(), label: i() };
    this.answers = i();
    this.touched = new Uint8Array(this.capacity);
  }

  /** Adds a mention (copied: the object can be reused). */
  push(m: ReviewMention): void {
    if (this.length === this.capacity) this.grow(this.capacity * 2);
    const at = this.length;
    this.length += 1;
    this.ids.push(m.id);
    const t = this.times;
    t.occurredAt[at] = m.occurredAt;
    t.recordedAt[at] = m.recordedAt;
    t.firstAnswerAt[at] = m.firstAnswerAt ?? NaN;
    t.closedAt[at] = m.closedAt ?? NaN;
    t.ignoredAt[at] = m.ignoredAt ?? NaN;
    t.priority[at] = m.priority;
    t.sentimentScore[at] = m.sentimentScore;
    t.retweets[at] = m.reach.retweets ?? NaN;
    t.likes[at] = m.reach.likes ?? NaN;
    t.followers[at] = m.reach.followers ?? NaN;
    const s = this.strings;
    const c = this.codes;
    c.author[at] = s.author.code(m.author);
    c.channel[at] = s.channel.code(m.channel);
    c.department[at] = s.department.code(m.department);
    c.brand[at] = s.brand.code(m.brand);
    c.label[at] = s.label.code(m.sentimentLabel);
    this.answers[at] = m.answers;
    this.touched[at] = m.touched ? 1 : 0;
  }

  /** @internal The id of the mention at `at`. */
  idAt(at: number): string {
    return this.ids[at] as string;
  }

  [Symbol.iterator](): Iterator<ReviewMention> {
    const view = new MentionView(this);
    const step: IteratorResult<ReviewMention> = { done: false, value: view };
    const end: IteratorResult<ReviewMention> = { done: true, value: undefined };
    const n = this.length;
    return { next: () => (++view.at < n ? step : end) };
  }

  /** The mentions as separate objects (tests, small sets). */
  toArray(): ReviewMention[] {
    return Array.from(this, copyOf);
  }

  private grow(capacity: number): void {
    const copy = <A extends Float64Array | Int32Array | Uint8Array>(a: A): A => {
      const b = new (a.constructor as new (n: number) => A)(capacity);
      b.set(a);
      return b;
    };
    for (const k of TIMES) this.times[k] = copy(this.times[k]);
    for (const k of Object.keys(this.codes) as (keyof MentionColumns['codes'])[])
      this.codes[k] = copy(this.codes[k]);
    this.answers = copy(this.answers);
    this.touched = copy(this.touched);
    this.capacity = capacity;
  }
}

const TIMES = [
  'occurredAt',
  'recordedAt',
  'firstAnswerAt',
  'closedAt',
  'ignoredAt',
  'priority',
  'sentimentScore',
  'retweets',
  'likes',
  'followers',
] as const;

/** Distinct strings (and null) by code. */
class Strings {
  readonly values: (string | null)[] = [];
  private readonly codes = new Map<string | null, number>();
  code(v: string | null): number {
    let c = this.codes.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.codes.set(v, c);
    }
    return c;
  }
}

/** A mention as a plain object of its own (a view's fields are getters, which spreading skips). */
export function copyOf(m: ReviewMention): ReviewMention {
  return {
    id: m.id,
    author: m.author,
    channel: m.channel,
    department: m.department,
    priority: m.priority,
    brand: m.brand,
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    firstAnswerAt: m.firstAnswerAt,
    closedAt: m.closedAt,
    ignoredAt: m.ignoredAt,
    touched: m.touched,
    answers: m.answers,
    sentimentScore: m.sentimentScore,
    sentimentLabel: m.sentimentLabel,
    reach: { ...m.reach },
  };
}

const orNull = (v: number) => (Number.isNaN(v) ? null : v);
const NO_REACH: ReviewMention['reach'] = Object.freeze({});

/** One mention of the columns, read in place (the iterator moves `at`). */
class MentionView implements ReviewMention {
  at = -1;
  constructor(private readonly c: MentionColumns) {}
  get id() {
    return this.c.idAt(this.at);
  }
  get author() {
    return this.c.strings.author.values[this.c.codes.author[this.at] as number] as string;
  }
  get channel() {
    return this.c.strings.channel.values[this.c.codes.channel[this.at] as number] as string;
  }
  get department() {
    return this.c.strings.department.values[this.c.codes.department[this.at] as number] ?? null;
  }
  get brand() {
    return this.c.strings.brand.values[this.c.codes.brand[this.at] as number] ?? null;
  }
  get sentimentLabel() {
    const code = this.c.codes.label[this.at] as number;
    return this.c.strings.label.values[code] as ReviewMention['sentimentLabel'];
  }
  get occurredAt() {
    return this.c.times.occurredAt[this.at] as number;
  }
  get recordedAt() {
    return this.c.times.recordedAt[this.at] as number;
  }
  get firstAnswerAt() {
    return orNull(this.c.times.firstAnswerAt[this.at] as number);
  }
  get closedAt() {
    return orNull(this.c.times.closedAt[this.at] as number);
  }
  get ignoredAt() {
    return orNull(this.c.times.ignoredAt[this.at] as number);
  }
  get priority() {
    return this.c.times.priority[this.at] as number;
  }
  get sentimentScore() {
    return this.c.times.sentimentScore[this.at] as number;
  }
  get touched() {
    return this.c.touched[this.at] === 1;
  }
  get answers() {
    return this.c.answers[this.at] as number;
  }
  get reach() {
    const t = this.c.times;
    const retweets = t.retweets[this.at] as number;
    const likes = t.likes[this.at] as number;
    const followers = t.followers[this.at] as number;
    if (Number.isNaN(retweets) && Number.isNaN(likes) && Number.isNaN(followers)) return NO_REACH;
    return {
      ...(!Number.isNaN(retweets) && { retweets }),
      ...(!Number.isNaN(likes) && { likes }),
      ...(!Number.isNaN(followers) && { followers }),
    };
  }
}
