/**
 * A small Turkish sentiment word list in AFINN style (-5..5), written for customer-care texts:
 * complaints about delays, losses, refunds and staff, and the usual thanks. It is small on
 * purpose — a starting point to grow with the team's own labelled mentions, not a full lexicon.
 */
export const TURKISH: Record<string, number> = {
  rezalet: -4, berbat: -4, kötü: -3, kotu: -3, felaket: -4, saçma: -3, utanç: -3, skandal: -4, iğrenç: -4,
  iptal: -2, gecikme: -2, gecikti: -2, rötar: -2, kayıp: -2, kayboldu: -2, bozuk: -2, kırık: -2, hasarlı: -2,
  şikayet: -2, sorun: -2, problem: -2, hata: -2, maalesef: -1, bekliyorum: -1, bekledim: -1, dolandırıcı: -4,
  yalan: -3, kaba: -3, ilgisiz: -2, sinir: -2, öfkeli: -3, mağdur: -3, asla: -2, pişman: -2, zarar: -2,
  iade: -1, ücret: -1, pahalı: -2, geç: -1, yavaş: -1, kirli: -2, tehlikeli: -3,
  teşekkür: 2, teşekkürler: 2, sağol: 2, sağolun: 2, harika: 4, mükemmel: 4, süper: 3, güzel: 3, iyi: 2,
  memnun: 3, yardımcı: 2, nazik: 2, hızlı: 2, başarılı: 3, sevdim: 3, seviyorum: 3, tavsiye: 2, rahat: 2,
  çözüldü: 2, mutlu: 3, bravo: 3, muhteşem: 4, kibar: 2,
};
