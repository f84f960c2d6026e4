/**
 * A small Polish sentiment word list in AFINN style (-5..5), written for customer-care texts.
 * Polish inflects heavily, so entries are the forms people write most in complaints and thanks;
 * a starting point to grow with the team's own labelled mentions, not a full lexicon.
 */
export const POLISH: Record<string, number> = {
  skandal: -4, skandaliczne: -4, fatalnie: -4, fatalny: -4, tragedia: -4, beznadziejny: -4, beznadziejnie: -4,
  okropny: -3, okropnie: -3, źle: -2, zły: -2, zła: -2, słabo: -2, słaby: -2, żenada: -4, porażka: -3,
  odwołany: -2, odwołali: -2, opóźnienie: -2, opóźniony: -2, spóźniony: -2, zgubiony: -2, zgubiliście: -3,
  zniszczony: -3, uszkodzony: -2, reklamacja: -2, problem: -2, błąd: -2, niestety: -1, czekam: -1,
  oszustwo: -4, oszuści: -4, kłamstwo: -3, niegrzeczny: -3, chamski: -4, wściekły: -3, nigdy: -2,
  drogo: -2, brudny: -2, niebezpieczny: -3, zwrot: -1,
  dziękuję: 2, dzięki: 2, dziekuje: 2, super: 3, świetnie: 3, świetny: 3, doskonale: 4, wspaniale: 4,
  dobrze: 2, dobry: 2, miły: 2, miła: 2, pomocny: 2, pomocna: 2, szybko: 2, polecam: 3,
  zadowolony: 3, zadowolona: 3, rewelacja: 4, rewelacyjnie: 4, brawo: 3, uprzejmy: 2, kocham: 3,
};
