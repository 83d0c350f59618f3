import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMOTION_LEXICON, EMOTIONS, emotionLexiconScores, type Emotion } from './emotions.js';
import { fold, tokenize } from './text.js';

type Lang = 'pl' | 'ro' | 'en';

function scores(text: string, lang: Lang | null): Record<Emotion, number> {
  return emotionLexiconScores(tokenize(text), lang);
}
function detected(text: string, lang: Lang | null): Emotion[] {
  const s = scores(text, lang);
  return EMOTIONS.filter((e) => s[e] > 0);
}

test('lexicon covers every emotion with at least 15 folded keywords per language', () => {
  assert.deepEqual(Object.keys(EMOTION_LEXICON).sort(), [...EMOTIONS].sort());
  for (const e of EMOTIONS) {
    for (const lang of ['pl', 'ro', 'en'] as const) {
      const list = EMOTION_LEXICON[e][lang];
      assert.ok(list.length >= 15, `${e}/${lang} has ${list.length} keywords`);
      assert.equal(new Set(list).size, list.length, `${e}/${lang} has duplicates`);
      for (const kw of list) {
        assert.equal(fold(kw), kw, `${e}/${lang} "${kw}" is not folded`);
        assert.match(kw, /^[a-z0-9']+\*?( [a-z0-9']+\*?)*$/, `${e}/${lang} "${kw}" syntax`);
      }
    }
  }
});

test('realistic feedback in every language carries the expected emotion', () => {
  const cases: [Lang, string, Emotion][] = [
    ['pl', 'Jestem bardzo zadowolona, obsługa świetna!', 'joy'],
    ['pl', 'Sprawdzony sklep, polecam każdemu', 'trust'],
    ['pl', 'Skandal, jestem wkurzony, to żenujące', 'anger'],
    ['pl', 'Niestety jestem rozczarowany, szkoda', 'sadness'],
    ['pl', 'Obawiam się, że paczka zaginęła, trochę mnie to niepokoi', 'fear'],
    ['pl', 'Byłem mile zaskoczony, kompletnie niespodziewany prezent', 'surprise'],
    ['ro', 'Sunt foarte mulțumit, totul a fost super', 'joy'],
    ['ro', 'Firmă serioasă, recomand cu încredere', 'trust'],
    ['ro', 'Sunt revoltat, este o bătaie de joc', 'anger'],
    ['ro', 'Din păcate sunt dezamăgit și trist', 'sadness'],
    ['ro', 'Mi-e frică să mai comand, sunt îngrijorat', 'fear'],
    ['ro', 'Am fost surprins, nu mă așteptam la asta', 'surprise'],
    ['en', 'So happy with my order, love it!', 'joy'],
    ['en', 'Reliable shop, I trust them and recommend it', 'trust'],
    ['en', 'Absolutely furious, this is ridiculous', 'anger'],
    ['en', 'Sadly I was really disappointed', 'sadness'],
    ['en', "I'm worried my card details are not safe, a bit scared", 'fear'],
    ['en', 'Wow, I was shocked how quickly it arrived', 'surprise'],
  ];
  for (const [lang, text, emotion] of cases) {
    assert.ok(scores(text, lang)[emotion] > 0, `"${text}" should carry ${emotion}, got ${detected(text, lang)}`);
  }
});

test('returns all six emotions, zero when nothing matches', () => {
  for (const lang of ['pl', 'ro', 'en', null] as const) {
    assert.deepEqual(scores('ok', lang), { joy: 0, trust: 0, anger: 0, sadness: 0, fear: 0, surprise: 0 });
    assert.deepEqual(detected('', lang), []);
  }
});

test('score is 1 - 0.5^hits and stays in (0, 1]', () => {
  assert.equal(scores('super', 'pl').joy, 0.5);
  assert.equal(scores('Super, świetnie, jestem zadowolony', 'pl').joy, 0.875);
  const s = scores('Wow, super, great, amazing, happy, love it, thank you, perfect', 'en');
  for (const e of EMOTIONS) assert.ok(s[e] >= 0 && s[e] <= 1, `${e} ${s[e]}`);
  assert.ok(s.joy > 0.99 && s.joy <= 1);
});

test('input without diacritics scores like input with them', () => {
  assert.deepEqual(
    scores('obsluga byla swietna, jestem zadowolony', 'pl'),
    scores('Obsługa była świetna, jestem zadowolony', 'pl'),
  );
  assert.deepEqual(
    scores('Sunt multumit, dar si putin ingrijorat', 'ro'),
    scores('Sunt mulțumit, dar și puțin îngrijorat', 'ro'),
  );
});

test('phrases need consecutive words; stems match only the start of a word', () => {
  assert.ok(scores('Nu mă așteptam la atâta viteză', 'ro').surprise > 0);
  assert.equal(scores('Nu mă mai așteptam', 'ro').surprise, 0);
  // Prefix traps: Bucharest is not joy, "terrific" is not fear, "na pewno" (surely) is not trust.
  assert.equal(scores('Livrare în București', 'ro').joy, 0);
  assert.equal(scores('Terrific service', 'en').fear, 0);
  assert.equal(scores('na pewno', 'pl').trust, 0);
});

test('null language uses every lexicon, a known language only its own', () => {
  assert.equal(scores('Sunt foarte dezamăgit', 'en').sadness, 0);
  assert.equal(scores('Sunt foarte dezamăgit', 'ro').sadness, 0.5);
  assert.equal(scores('Sunt foarte dezamăgit', null).sadness, 0.5);
});
