import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from './analyze.js';
import { evaluate } from './evaluation.js';
import { decodeModel, encodeModel } from './model-file.js';
import { builtInSentimentModel, classifySentiment } from './sentiment.js';
import { trainSentiment } from './training.js';

const s = (text: string, lang: 'pl' | 'ro' | 'en') => classifySentiment(text, builtInSentimentModel(lang), lang);

test('negation turns praise into complaint and complaint into praise, in Polish, Romanian and English', () => {
  assert.equal(s('polecam', 'pl').label, 'positive');
  assert.equal(s('nie polecam', 'pl').label, 'negative');
  assert.equal(s('Nie polecam tego sklepu', 'pl').label, 'negative');
  assert.equal(s('obsługa nie była dobra', 'pl').label, 'negative');
  assert.ok(s('nie jest źle', 'pl').score > s('jest źle', 'pl').score + 0.5, '"nie jest źle" is far from "jest źle"');
  assert.notEqual(s('nie jest źle', 'pl').label, 'negative');

  assert.equal(s('recomand', 'ro').label, 'positive');
  assert.equal(s('nu recomand', 'ro').label, 'negative');
  assert.equal(s('este rău', 'ro').label, 'negative');
  assert.notEqual(s('nu este rău', 'ro').label, 'negative');
  assert.ok(s('nu este rău', 'ro').score > s('este rău', 'ro').score + 0.5);

  assert.equal(s('bad', 'en').label, 'negative');
  assert.equal(s('not bad at all', 'en').label, 'positive');
  assert.equal(s('not good', 'en').label, 'negative');
});

test('intensity: "bardzo dobra obsługa" is positive and at least as strong as "dobra obsługa"', () => {
  const very = s('bardzo dobra obsługa', 'pl');
  assert.equal(very.label, 'positive');
  assert.ok(very.score >= s('dobra obsługa', 'pl').score);
  assert.ok(s('foarte bun', 'ro').score > 0.8);
  assert.ok(s('very good service', 'en').score > 0.8);
});

test('complaints typical of service: late, damaged, still waiting', () => {
  assert.equal(s('Kurier spóźnił się dwa dni', 'pl').label, 'negative');
  assert.equal(s('coletul a ajuns deteriorat', 'ro').label, 'negative');
  assert.equal(s('still waiting for my refund', 'en').label, 'negative');
  assert.equal(s('The parcel arrived damaged', 'en').label, 'negative');
});

test('analyze: language, sentiment in −1…1, themes with evidence; other languages get no guess', () => {
  const pl = analyze('Kurier spóźnił się dwa dni, a paczka była uszkodzona. Nie polecam!');
  assert.equal(pl.language, 'pl');
  assert.equal(pl.sentiment.label, 'negative');
  assert.ok(pl.sentiment.score >= -1 && pl.sentiment.score <= 1);
  const delivery = pl.themes.find((t) => t.id === 'delivery');
  assert.ok(delivery && delivery.evidence.includes('Kurier'), JSON.stringify(pl.themes));
  const ro = analyze('Am așteptat 40 de minute la telefon și nimeni nu m-a ajutat.');
  assert.equal(ro.language, 'ro');
  assert.ok(ro.themes.some((t) => t.id === 'waiting_time'));
  const en = analyze('Lovely staff, they were so helpful and kind. I am really happy!');
  assert.equal(en.language, 'en');
  assert.equal(en.sentiment.label, 'positive');
  assert.ok(en.emotions.some((e) => e.id === 'joy'), JSON.stringify(en.emotions));
  const de = analyze('Die Lieferung war sehr langsam und das Paket war beschädigt.');
  assert.equal(de.language, 'de');
  assert.deepEqual(de.sentiment, { label: 'neutral', score: 0, confidence: 0.2 });
  assert.deepEqual(de.themes, []);
  assert.deepEqual(analyze('   ').language, null);
  // A short text leans on the language the customer answered in.
  assert.equal(analyze('super obsluga', { languageHint: 'pl' }).language, 'pl');
});

test('custom themes of a workspace are matched besides the built-in ones', () => {
  const a = analyze('Karta lojalnościowa nie działa w sklepie w Krakowie', {
    customThemes: [{ id: 'loyalty_card', kind: 'topic', names: { pl: 'Karta', ro: 'Card', en: 'Card' }, keywords: { pl: ['kart* lojalnosc*'], ro: [], en: [] } }],
  });
  assert.deepEqual(a.themes.find((t) => t.id === 'loyalty_card')?.evidence, ['Karta lojalnościowa']);
});

test('determinism: the same text gives the same result; the same data and seed give the same model bytes', () => {
  const text = 'Obsługa była miła, ale czekałem na zwrot pieniędzy trzy tygodnie.';
  assert.deepEqual(analyze(text), analyze(text));
  const rows = [
    ...['świetna obsługa', 'polecam ten sklep', 'szybka dostawa, dziękuję', 'bardzo dobry produkt'].map((text) => ({ text, label: 'positive' })),
    ...['nie polecam', 'paczka uszkodzona', 'fatalny kontakt', 'czekam od miesiąca'].map((text) => ({ text, label: 'negative' })),
    ...['zamówiłem we wtorek', 'paczka ma numer 123', 'sklep jest w centrum', 'płaciłem kartą'].map((text) => ({ text, label: 'neutral' })),
  ];
  const a = trainSentiment('pl', rows, { seed: 7, epochs: 3 });
  const b = trainSentiment('pl', rows, { seed: 7, epochs: 3 });
  const c = trainSentiment('pl', rows, { seed: 8, epochs: 3 });
  const bytes = (m: typeof a) => encodeModel(m.header, m.model);
  assert.ok(bytes(a).equals(bytes(b)), 'same seed, same bytes');
  assert.ok(!bytes(a).equals(bytes(c)), 'another seed shuffles differently');
  const restored = decodeModel(bytes(a));
  for (const t of ['polecam', 'nie polecam', 'zamówiłem']) {
    assert.equal(classifySentiment(t, restored, 'pl').label, classifySentiment(t, a, 'pl').label, 'quantised weights predict the same');
  }
});

test('evaluation: macro-F1 and the confusion matrix against a hand count', () => {
  const pairs = [
    { truth: 'positive', predicted: 'positive' },
    { truth: 'positive', predicted: 'negative' },
    { truth: 'negative', predicted: 'negative' },
    { truth: 'negative', predicted: 'negative' },
    { truth: 'neutral', predicted: 'neutral' },
  ];
  const e = evaluate(['negative', 'neutral', 'positive'], pairs);
  assert.equal(e.accuracy, 0.8);
  // negative: P 2/3, R 1 → F1 0.8; neutral: 1; positive: P 1, R 0.5 → F1 2/3
  assert.ok(Math.abs(e.macroF1 - (0.8 + 1 + 2 / 3) / 3) < 1e-12);
  assert.equal(e.confusion.positive!.negative, 1);
});
