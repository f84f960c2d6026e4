import { franc } from 'franc-min';

/**
 * Language of a mention: a fast first pass on letters and very common words that tells English,
 * Turkish, Polish and Spanish apart in a couple of microseconds, and franc-min (trigram profiles) only
 * where that pass is unsure. Measured on the airline file (bench/enrichment.bench.ts): franc-min
 * alone costs ~120 µs a tweet and tinyld ~450 µs — too slow for an ingest path of 20,000
 * mentions/s — while the first pass settles most texts by itself.
 */

const LETTERS: Record<string, RegExp> = {
  tr: /[çğışİıÇĞŞ]/gu,
  pl: /[ąćęłńśźżĄĆĘŁŃŚŹŻ]/gu,
  // Not ó: Polish has it too.
  es: /[ñÑ¿¡áéíúÁÉÍÚ]/gu,
};

// The most frequent short words of each language (function words), none shared between two.
// Not 'de', 'mi': Turkish and Spanish share them.
const STOPWORDS: Record<string, Set<string>> = {
  en: new Set(
    'the and to is my you for on it of in was with that this your are have be at not but me we they can get just what when will now from an our about no so do how why been has had i thanks thank please help hi hello hey yes sorry great good still flight bag'.split(
      ' ',
    ),
  ),
  tr: new Set(
    've bir bu çok için ile da ne mı mu mü gibi daha ama değil var yok ben sen biz siz onlar nasıl neden şimdi hala artık'.split(
      ' ',
    ),
  ),
  // Not 'i', 'to', 'do': they are English words too.
  pl: new Set(
    'w nie na się jest że z jak ale po co czy tak już mnie mój moja ten ta od dla przez bardzo jeszcze tylko gdzie dlaczego'.split(
      ' ',
    ),
  ),
  // Not 'no', 'me', 'a': English words too.
  es: new Set(
    'el la los las que y por para con una un del al es está están pero muy ya hay nadie mí mis su sus lo se le les nos donde dónde cuando cuándo porque qué vuelo maleta gracias ayuda'.split(
      ' ',
    ),
  ),
};

// Each stopword's language (the lists share no word).
const LANGUAGE_OF_WORD = new Map<string, 'en' | 'tr' | 'pl' | 'es'>(
  (['en', 'tr', 'pl', 'es'] as const).flatMap((lang) =>
    [...(STOPWORDS[lang] ?? [])].map((w) => [w, lang] as [string, typeof lang]),
  ),
);
// Turkish, Polish and Spanish letters are all outside ASCII: an ASCII text has none to count.
const NON_ASCII = /[\u0080-\uffff]/;

const FRANC_TO_ISO1: Record<string, string> = { eng: 'en', tur: 'tr', pol: 'pl', spa: 'es' };
const FRANC_ONLY = ['eng', 'tur', 'pol', 'spa'];

/** Removes what says nothing about language: links, @handles, #tags, entities, digits. */
export function stripNoise(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[@#][\p{L}\p{N}_]+/gu, ' ')
    .replace(/&[a-z]+;/g, ' ')
    .replace(/\p{N}+/gu, ' ');
}

/** ISO 639-1 code of the text's language (en, tr, pl, es), or 'und' when it cannot tell. */
export function detectLanguage(text: string): string {
  const clean = stripNoise(text);
  const words = clean.toLocaleLowerCase('en').match(/\p{L}+/gu) ?? [];
  if (words.length === 0) return 'und';
  const score: Record<string, number> = { en: 0, tr: 0, pl: 0, es: 0 };
  for (const w of words) {
    const lang = LANGUAGE_OF_WORD.get(w);
    if (lang !== undefined) score[lang] = (score[lang] ?? 0) + 1;
  }
  if (NON_ASCII.test(clean))
    for (const lang of ['tr', 'pl', 'es'])
      score[lang] = (score[lang] ?? 0) + 2 * (clean.match(LETTERS[lang] as RegExp)?.length ?? 0);
  // No Turkish, Polish or Spanish letter or word at all: English if any English word, otherwise
  // only a long text is worth a trigram guess (on a short one franc-min guesses wildly).
  if (score.tr === 0 && score.pl === 0 && score.es === 0) {
    if ((score.en ?? 0) > 0) return 'en';
    return clean.trim().length >= 40
      ? (FRANC_TO_ISO1[franc(clean, { only: FRANC_ONLY })] ?? 'und')
      : 'und';
  }
  const ranked = Object.entries(score).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (first && second && first[1] >= 1 && first[1] >= 2 * second[1] + (second[1] > 0 ? 1 : 0))
    return first[0];
  if (clean.trim().length < 12)
    return first && first[1] > 0 && first[1] > (second?.[1] ?? 0) ? first[0] : 'und';
  const guess = franc(clean, { only: FRANC_ONLY, minLength: 10 });
  return FRANC_TO_ISO1[guess] ?? 'und';
}
