import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold, tokenize } from './text.js';
import { BUILTIN_THEMES, detectThemes, type ThemeHit, type ThemeInput } from './themes.js';

type Lang = 'pl' | 'ro' | 'en';

function themes(text: string, lang: Lang | null, defs?: readonly ThemeInput[]): ThemeHit[] {
  return detectThemes(tokenize(text), lang, defs);
}
function hit(hits: ThemeHit[], id: string): ThemeHit {
  const h = hits.find((x) => x.id === id);
  assert.ok(h, `expected theme ${id} in ${JSON.stringify(hits.map((x) => x.id))}`);
  return h;
}
function custom(id: string, keywords: ThemeInput['keywords']): ThemeInput {
  return { id, kind: 'topic', names: { pl: id, ro: id, en: id }, keywords };
}

test('builtin themes: required ids, kinds and names', () => {
  const pillars = ['integrity', 'resolution', 'expectations', 'time_effort', 'personalisation', 'empathy'];
  const topics = [
    'delivery', 'price_value', 'product_quality', 'staff_service', 'waiting_time', 'website_app',
    'payment', 'returns_complaints', 'communication',
  ];
  assert.deepEqual(BUILTIN_THEMES.map((t) => t.id).sort(), [...pillars, ...topics].sort());
  for (const t of BUILTIN_THEMES) {
    assert.equal(t.kind, pillars.includes(t.id) ? 'pillar' : 'topic', t.id);
    for (const lang of ['pl', 'ro', 'en'] as const) assert.ok(t.names[lang].trim(), `${t.id} name ${lang}`);
  }
});

test('builtin lexicons: at least 10 keywords per language, folded, no duplicates', () => {
  for (const t of BUILTIN_THEMES) {
    for (const lang of ['pl', 'ro', 'en'] as const) {
      const list = t.keywords[lang];
      assert.ok(list.length >= 10, `${t.id}/${lang} has ${list.length} keywords`);
      assert.equal(new Set(list).size, list.length, `${t.id}/${lang} has duplicates`);
      for (const kw of list) {
        assert.equal(fold(kw), kw, `${t.id}/${lang} "${kw}" is not folded`);
        assert.match(kw, /^[a-z0-9']+\*?( [a-z0-9']+\*?)*$/, `${t.id}/${lang} "${kw}" syntax`);
      }
    }
  }
});

test('Polish delivery complaint: delivery, waiting and product damage with evidence', () => {
  const hits = themes('Kurier spóźnił się dwa dni, a paczka była uszkodzona', 'pl');
  assert.deepEqual(hit(hits, 'delivery').evidence, ['Kurier', 'paczka']);
  assert.ok(hit(hits, 'waiting_time').evidence.includes('spóźnił'));
  assert.deepEqual(hit(hits, 'product_quality').evidence, ['uszkodzona']);
});

test('Romanian phone wait is waiting time', () => {
  const hits = themes('Am așteptat 40 de minute la telefon', 'ro');
  assert.deepEqual(hit(hits, 'waiting_time').evidence, ['așteptat', 'minute']);
  assert.deepEqual(hit(hits, 'communication').evidence, ['telefon']);
});

test('English app crash and double charge: website/app and payment', () => {
  const hits = themes('The app keeps crashing at checkout and my card was charged twice', 'en');
  assert.deepEqual(hit(hits, 'website_app').evidence, ['app', 'crashing', 'checkout']);
  assert.deepEqual(hit(hits, 'payment').evidence, ['card', 'charged twice']);
});

test('realistic feedback in every language hits the expected themes', () => {
  const cases: [Lang, string, string[]][] = [
    ['pl', 'Sprzedawca nas oszukał, obiecali zwrot i nic', ['integrity', 'staff_service', 'returns_complaints']],
    ['pl', 'Problem rozwiązany od ręki, konsultant załatwił', ['resolution', 'time_effort', 'staff_service']],
    ['pl', 'Produkt niezgodny z opisem, jestem rozczarowany', ['expectations', 'product_quality']],
    ['pl', 'Musiałem dzwonić kilka razy na infolinię, strata czasu', ['time_effort', 'communication']],
    ['pl', 'Pani pamiętała moje imię i doradziła rozmiar', ['personalisation', 'staff_service']],
    ['pl', 'Obsługa opryskliwa i bez szacunku dla klienta', ['empathy', 'staff_service']],
    ['pl', 'Za drogo jak na taką jakość, nie warto', ['price_value', 'product_quality']],
    ['pl', 'Strona internetowa się zawiesza przy logowaniu', ['website_app']],
    ['pl', 'Płatność kartą nie przeszła, ale pobrali pieniądze z konta', ['payment']],
    ['pl', 'Reklamacja odrzucona, gwarancja nic nie znaczy', ['returns_complaints']],
    ['pl', 'Nikt nie odpowiada na maile, zero kontaktu', ['communication']],
    ['pl', 'Długa kolejka, czekałem pół godziny', ['waiting_time']],
    ['ro', 'Firma necinstită, m-au țepuit cu taxe ascunse', ['integrity']],
    ['ro', 'Problema nu a fost rezolvată nici până acum', ['resolution']],
    ['ro', 'Produsul nu corespunde descrierii, sunt dezamăgit', ['expectations', 'product_quality']],
    ['ro', 'Comanda a fost simplă și rapidă, fără bătăi de cap', ['time_effort']],
    ['ro', 'M-au tratat ca pe un număr, răspunsuri automate', ['personalisation']],
    ['ro', 'Vânzătoarea a fost foarte amabilă și răbdătoare', ['empathy', 'staff_service']],
    ['ro', 'Livrarea a durat o săptămână, curierul nu a sunat', ['delivery', 'waiting_time', 'communication']],
    ['ro', 'Prețul e prea mare, nu merită banii', ['price_value']],
    ['ro', 'Aplicația se blochează și nu pot intra în cont', ['website_app']],
    ['ro', 'Am plătit cu cardul și m-au taxat de două ori', ['payment']],
    ['ro', 'Am făcut retur și o reclamație la ANPC', ['returns_complaints']],
    ['en', 'They lied about the hidden fees, total scam', ['integrity', 'price_value']],
    ['en', 'The issue was resolved quickly and they sent a replacement', ['resolution', 'time_effort']],
    ['en', 'Not as described, really disappointed', ['expectations']],
    ['en', 'I had to call three times, such a hassle', ['time_effort', 'communication']],
    ['en', 'They remembered me and greeted me by name', ['personalisation']],
    ['en', 'The cashier was rude and dismissive', ['empathy', 'staff_service']],
    ['en', 'Parcel was left at the wrong doorstep by the courier', ['delivery']],
    ['en', 'Great value for money, cheaper than elsewhere', ['price_value']],
    ['en', 'Poor quality material, the stitching fell apart', ['product_quality']],
    ['en', 'Queued for 20 minutes and the delivery was late', ['waiting_time', 'delivery']],
    ['en', 'Returned it and the refund took ages, I complained twice', ['returns_complaints', 'waiting_time']],
    ['en', 'Nobody replied to my emails', ['communication']],
  ];
  for (const [lang, text, expected] of cases) {
    const ids = themes(text, lang).map((h) => h.id);
    for (const id of expected) {
      assert.ok(ids.includes(id), `"${text}" should hit ${id}, got ${JSON.stringify(ids)}`);
    }
  }
});

test('input without diacritics matches like input with them', () => {
  const plain = themes('obsluga byla swietna, zwrot pieniedzy szybki', 'pl');
  const marked = themes('Obsługa była świetna, zwrot pieniędzy szybki', 'pl');
  assert.deepEqual(plain.map((h) => [h.id, h.score]), marked.map((h) => [h.id, h.score]));
  assert.deepEqual(hit(plain, 'staff_service').evidence, ['obsluga']);
  assert.deepEqual(hit(marked, 'staff_service').evidence, ['Obsługa']);
  assert.deepEqual(
    themes('Am asteptat mult la coada', 'ro').map((h) => h.id),
    themes('Am așteptat mult la coadă', 'ro').map((h) => h.id),
  );
});

test('a stem matches the start of a word only, a plain keyword the whole word only', () => {
  const defs = [custom('cats', { pl: ['kot*', 'pies'] })];
  assert.deepEqual(themes('Koty i kotek', 'pl', defs)[0].evidence, ['Koty', 'kotek']);
  assert.deepEqual(themes('szkot, młokot, piesek', 'pl', defs), []);
  const ships = [custom('ships', { en: ['ship*'] })];
  assert.deepEqual(themes('Shipping to a starship, no hardship', 'en', ships)[0].evidence, ['Shipping']);
  // Real cases the lexicons must not confuse: chocolate is not waiting, a Bucharest address is not joy.
  assert.equal(themes('Kupiłem czekoladę', 'pl').find((h) => h.id === 'waiting_time'), undefined);
  assert.equal(themes('The waiter brought the bill', 'en').find((h) => h.id === 'waiting_time'), undefined);
});

test('a phrase matches consecutive words in one clause only', () => {
  const defs = [custom('wait', { pl: ['czas* oczekiw*'] })];
  assert.deepEqual(themes('Czas oczekiwania był długi', 'pl', defs)[0].evidence, ['Czas oczekiwania']);
  assert.deepEqual(themes('czas naszego oczekiwania', 'pl', defs), []);
  assert.deepEqual(themes('Mam czas. Oczekiwania mam wysokie', 'pl', defs), []);
  // The longer phrase wins and counts once: "obsługa klienta" is one hit, not two.
  const staff = hit(themes('obsługa klienta', 'pl'), 'staff_service');
  assert.deepEqual(staff.evidence, ['obsługa klienta']);
  assert.equal(staff.score, 0.5);
});

test('custom themes: keywords folded at load, missing languages are empty', () => {
  const defs = [custom('self_checkout', { pl: ['Kasa samoobsług*', 'KASY SAMOOBSŁUGOWE'] })];
  const withMarks = themes('Kasa samoobsługowa znowu nie działa', 'pl', defs);
  assert.deepEqual(withMarks, [{ id: 'self_checkout', score: 0.5, evidence: ['Kasa samoobsługowa'] }]);
  assert.equal(themes('kasy samoobslugowe', 'pl', defs).length, 1);
  assert.deepEqual(themes('Kasa samoobsługowa', 'en', defs), []);
  assert.equal(themes('Kasa samoobsługowa', null, defs).length, 1);
  // A bare "*" would match everything; it is dropped rather than trusted.
  assert.deepEqual(themes('anything at all', 'en', [custom('oops', { en: ['*'] })]), []);
});

test('null language uses every lexicon, a known language only its own', () => {
  const text = 'Curierul a livrat coletul';
  assert.equal(themes(text, 'en').find((h) => h.id === 'delivery'), undefined);
  assert.deepEqual(hit(themes(text, 'ro'), 'delivery').evidence, ['Curierul', 'livrat', 'coletul']);
  assert.deepEqual(hit(themes(text, null), 'delivery').evidence, ['Curierul', 'livrat', 'coletul']);
});

test('score is 1 - 0.5^hits; evidence is distinct, in text order, at most 5', () => {
  const one = hit(themes('paczka', 'pl'), 'delivery');
  assert.equal(one.score, 0.5);
  const repeated = hit(themes('Paczka, paczka i jeszcze raz paczka', 'pl'), 'delivery');
  assert.equal(repeated.score, 0.875);
  assert.deepEqual(repeated.evidence, ['Paczka']);
  const many = themes('a b c d e f g', 'en', [custom('letters', { en: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })]);
  assert.equal(many[0].score, 1 - 0.5 ** 7);
  assert.deepEqual(many[0].evidence, ['a', 'b', 'c', 'd', 'e']);
  for (const h of themes('The courier was late, the box was damaged and support never replied', 'en')) {
    assert.ok(h.score > 0 && h.score <= 1, `${h.id} score ${h.score}`);
  }
});

test('hits are sorted by score, then id', () => {
  const defs = [custom('b', { en: ['x'] }), custom('a', { en: ['x'] }), custom('c', { en: ['y'] })];
  assert.deepEqual(themes('x y y', 'en', defs).map((h) => h.id), ['c', 'a', 'b']);
  const mixed = 'Kurier spóźnił się dwa dni, paczka uszkodzona, zwrot odrzucony';
  const scores = themes(mixed, 'pl').map((h) => h.score);
  assert.deepEqual(scores, [...scores].sort((x, y) => y - x));
});

test('no theme on neutral filler or empty text', () => {
  for (const lang of ['pl', 'ro', 'en', null] as const) {
    assert.deepEqual(themes('ok', lang), []);
    assert.deepEqual(themes('', lang), []);
  }
});
