import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { franc } from 'franc-min';
import { detect } from 'tinyld';
import { detectLanguage, stripNoise } from '../electron/station/enrich/language';
import { scoreSentiment } from '../electron/station/enrich/sentiment';
import { AIRLINE_CSV } from './fixture';
import { report } from './report';

// Customer-care sentences in Turkish and Polish (the airline file is all English).
const TURKISH = [
  'Uçuşum iptal edildi ve kimse bilgi vermiyor, çok kötü bir hizmet',
  'Bagajım kayboldu, üç gündür bekliyorum',
  'Teşekkürler, ekibiniz çok yardımcı oldu',
  'Rezervasyonumu değiştiremiyorum, site sürekli hata veriyor',
  'Neden kimse telefona cevap vermiyor?',
  'Harika bir yolculuktu, personel çok nazikti',
];
const POLISH = [
  'Mój lot został odwołany i nikt nie udziela informacji',
  'Zgubiliście mój bagaż, czekam już trzy dni',
  'Dziękuję, obsługa była bardzo pomocna',
  'Nie mogę zmienić rezerwacji, strona ciągle wyrzuca błąd',
  'Dlaczego nikt nie odbiera telefonu?',
  'Świetny lot, załoga bardzo miła',
];

const FRANC: Record<string, string> = { eng: 'en', tur: 'tr', pol: 'pl' };
const CANDIDATES: Record<string, (t: string) => string> = {
  holdline: detectLanguage,
  'franc-min': (t) => FRANC[franc(stripNoise(t), { only: ['eng', 'tur', 'pol'] })] ?? 'und',
  tinyld: (t) => detect(stripNoise(t), { only: ['en', 'tr', 'pl'] }) || 'und',
};

function timeEach(texts: string[], f: (t: string) => unknown): number {
  const t0 = performance.now();
  for (const t of texts) f(t);
  return ((performance.now() - t0) * 1000) / texts.length;
}

function macroF1(pred: string[], gold: string[]): number {
  let sum = 0;
  for (const c of ['negative', 'neutral', 'positive']) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    pred.forEach((p, i) => {
      if (p === c && gold[i] === c) tp++;
      else if (p === c) fp++;
      else if (gold[i] === c) fn++;
    });
    sum += tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
  }
  return sum / 3;
}

/** Enrichment: language detectors and sentiment on the airline file's human labels. */
export async function run(): Promise<void> {
  if (!existsSync(AIRLINE_CSV)) {
    console.log(`SKIP: ${AIRLINE_CSV} is absent (it is not shipped with Holdline)`);
    return;
  }
  const rows = parse(readFileSync(AIRLINE_CSV), { columns: true, bom: true }) as Record<
    string,
    string
  >[];
  const texts = rows.map((r) => r.text ?? '');
  const lang: Record<string, { us: number; en: number; trpl: number }> = {};
  for (const [name, f] of Object.entries(CANDIDATES)) {
    const us = timeEach(texts, f);
    const en = texts.filter((t) => f(t) === 'en').length / texts.length;
    const trpl =
      (TURKISH.filter((t) => f(t) === 'tr').length + POLISH.filter((t) => f(t) === 'pl').length) /
      (TURKISH.length + POLISH.length);
    lang[name] = { us, en, trpl };
    console.log(
      `${name.padEnd(10)} ${us.toFixed(1).padStart(7)} µs/text   English tweets as en ${(en * 100).toFixed(1)} %   tr/pl samples right ${(trpl * 100).toFixed(0)} %`,
    );
  }
  const gold = rows.map((r) => r.airline_sentiment ?? '');
  const sentimentUs = timeEach(texts, (t) => scoreSentiment(t, 'en'));
  const f1 = macroF1(
    texts.map((t) => scoreSentiment(t, 'en').label),
    gold,
  );
  const majority = macroF1(
    texts.map(() => 'negative'),
    gold,
  );
  console.log(
    `sentiment (AFINN, thresholds tuned on these labels): macro-F1 ${f1.toFixed(3)} at ${sentimentUs.toFixed(1)} µs/text`,
  );
  const ours = lang.holdline as { us: number; en: number };
  const ref = lang['franc-min'] as { us: number; en: number };
  report([
    {
      name: 'enrich.language-cost',
      value: ours.us,
      unit: 'µs/text',
      baseline: ref.us,
      baselineName: 'franc-min alone',
      better: 'lower',
    },
    {
      name: 'enrich.language-en-share',
      value: ours.en * 100,
      unit: '%',
      baseline: ref.en * 100,
      baselineName: 'franc-min alone',
      better: 'higher',
    },
    {
      name: 'enrich.sentiment-macro-f1',
      value: f1,
      unit: 'F1',
      baseline: majority,
      baselineName: 'always "negative" (majority class)',
      better: 'higher',
    },
  ]);
}
