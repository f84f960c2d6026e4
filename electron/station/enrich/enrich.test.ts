import { describe, expect, it } from 'vitest';
import { enrich } from './enrich';

describe('enrich', () => {
  it('tells English, Turkish, Polish and Spanish apart, and says when it cannot tell', () => {
    expect(enrich('@united my flight was cancelled and nobody will help me').language).toBe('en');
    expect(enrich('Bagajım kayboldu, üç gündür bekliyorum ve kimse cevap vermiyor').language).toBe(
      'tr',
    );
    expect(enrich('Zgubiliście mój bagaż, czekam już trzy dni i nikt nie odpowiada').language).toBe(
      'pl',
    );
    // Spanish shares words with Turkish ('de', 'mi'): neither may count for it.
    expect(enrich('Perdieron mi maleta en el vuelo 12 y nadie me responde').language).toBe('es');
    expect(enrich('¿dónde está mi maleta? vuelo 12').language).toBe('es');
    expect(enrich('Bu da mi bizim uçuşumuz, hala bekliyoruz').language).toBe('tr');
    expect(enrich('@united 👍👍 http://t.co/x #fly').language).toBe('und');
  });

  it('labels sentiment in each language', () => {
    expect(enrich('@united worst service ever, I hate this awful airline').sentiment.label).toBe(
      'negative',
    );
    expect(enrich('@united thank you, the crew was great and so helpful').sentiment.label).toBe(
      'positive',
    );
    expect(enrich('Uçuşum iptal edildi, berbat ve rezalet bir hizmet').sentiment.label).toBe(
      'negative',
    );
    expect(enrich('Teşekkürler, ekibiniz harika ve çok yardımcı oldu').sentiment.label).toBe(
      'positive',
    );
    expect(enrich('Skandaliczne, lot odwołany i fatalna obsługa').sentiment.label).toBe('negative');
    expect(enrich('Dziękuję, obsługa była świetna, polecam').sentiment.label).toBe('positive');
  });

  it('is deterministic (every station must compute the same)', () => {
    const text = 'Lot opóźniony o 3 godziny, ale załoga była miła';
    expect(enrich(text)).toEqual(enrich(text));
  });
});
