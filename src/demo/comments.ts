import type { Random } from './random.js';

export type Tone = 'positive' | 'negative' | 'mixed';
type Lang = 'pl' | 'ro' | 'en';

/** Phrases by language, tone and theme; comments are composed from them so no two read alike. */
const BANK: Record<Lang, Record<'positive' | 'negative', Record<string, string[]>> & { openers: Record<Tone, string[]>; closers: Record<Tone, string[]> }> = {
  pl: {
    openers: {
      positive: ['Super!', 'Jestem bardzo zadowolona.', 'Wszystko w porządku.', 'Polecam!', 'Świetna robota.', ''],
      negative: ['Niestety', 'Jestem rozczarowany.', 'Nie polecam.', 'Szczerze mówiąc,', 'Porażka.', ''],
      mixed: ['Ogólnie ok, ale', 'Jest nieźle, chociaż', 'Produkt dobry, natomiast', ''],
    },
    closers: {
      positive: ['Na pewno wrócę.', 'Dziękuję!', 'Będę polecać znajomym.', ''],
      negative: ['Więcej nie zamówię.', 'Nie polecam.', 'Szkoda, bo kiedyś było lepiej.', 'Oczekuję kontaktu.', ''],
      mixed: ['Może następnym razem będzie lepiej.', 'Dam jeszcze jedną szansę.', ''],
    },
    positive: {
      delivery: ['paczka przyszła już następnego dnia', 'dostawa była błyskawiczna', 'kurier był punktualny i uprzejmy'],
      price: ['ceny są bardzo przystępne', 'stosunek jakości do ceny jest świetny', 'trafiłem na dobrą promocję'],
      staff: ['konsultantka na czacie była bardzo pomocna', 'obsługa była miła i kompetentna', 'pan w sklepie doradził mi idealny rozmiar'],
      quality: ['buty są wygodne i solidnie wykonane', 'jakość materiałów jest bardzo dobra', 'wszystko zgodne z opisem'],
      returns: ['zwrot poszedł bez problemu', 'pieniądze wróciły w dwa dni'],
      app: ['aplikacja działa szybko i jest intuicyjna', 'zamawianie przez aplikację to czysta przyjemność'],
    },
    negative: {
      delivery: ['paczka szła ponad tydzień', 'kurier nie przyjechał w umówionym terminie', 'przesyłka dotarła uszkodzona'],
      waiting: ['czekałem na odpowiedź ponad tydzień', 'na infolinii czekałam 40 minut', 'nikt nie odpisał na mojego maila'],
      price: ['ceny są za wysokie', 'koszt dostawy to przesada', 'nie warto tyle płacić'],
      staff: ['konsultant był niemiły', 'obsługa w sklepie mnie zignorowała', 'nikt nie potrafił mi pomóc'],
      quality: ['but rozkleił się po dwóch tygodniach', 'kolor nie zgadza się ze zdjęciem', 'produkt jest gorszej jakości niż się spodziewałem'],
      returns: ['zwrot to droga przez mękę', 'nadal czekam na zwrot pieniędzy', 'formularz zwrotu nie działa'],
      app: ['aplikacja ciągle się zawiesza', 'nie mogę zalogować się do aplikacji', 'płatność w aplikacji nie przeszła'],
    },
  },
  ro: {
    openers: {
      positive: ['Super!', 'Sunt foarte mulțumită.', 'Totul a fost perfect.', 'Recomand!', 'Bravo!', ''],
      negative: ['Din păcate', 'Sunt dezamăgit.', 'Nu recomand.', 'Sincer,', 'O experiență proastă.', ''],
      mixed: ['În general e ok, dar', 'Nu e rău, totuși', 'Produsul e bun, însă', ''],
    },
    closers: {
      positive: ['Voi reveni cu siguranță.', 'Mulțumesc!', 'O să vă recomand prietenilor.', ''],
      negative: ['Nu mai comand de aici.', 'Nu recomand.', 'Păcat, înainte era mai bine.', 'Aștept să fiu contactat.', ''],
      mixed: ['Poate data viitoare va fi mai bine.', 'Vă mai dau o șansă.', ''],
    },
    positive: {
      delivery: ['coletul a ajuns a doua zi', 'livrarea a fost foarte rapidă', 'curierul a fost punctual și amabil'],
      price: ['prețurile sunt foarte bune', 'raportul calitate-preț este excelent', 'am prins o reducere bună'],
      staff: ['operatoarea de pe chat a fost foarte de ajutor', 'personalul a fost amabil și competent', 'vânzătorul m-a ajutat să aleg mărimea potrivită'],
      quality: ['pantofii sunt comozi și bine făcuți', 'calitatea materialelor este foarte bună', 'totul a fost conform descrierii'],
      returns: ['returul a mers fără probleme', 'banii au venit înapoi în două zile'],
      app: ['aplicația merge repede și e ușor de folosit', 'comanda din aplicație a fost foarte simplă'],
    },
    negative: {
      delivery: ['coletul a venit după mai bine de o săptămână', 'curierul nu a venit la ora stabilită', 'coletul a ajuns deteriorat'],
      waiting: ['am așteptat un răspuns mai mult de o săptămână', 'am stat la telefon 40 de minute', 'nimeni nu mi-a răspuns la email'],
      price: ['prețurile sunt prea mari', 'taxa de livrare este exagerată', 'nu merită banii'],
      staff: ['operatorul a fost nepoliticos', 'nimeni din magazin nu m-a băgat în seamă', 'nimeni nu a știut să mă ajute'],
      quality: ['talpa s-a dezlipit după două săptămâni', 'culoarea nu seamănă cu cea din poză', 'calitatea este mai slabă decât mă așteptam'],
      returns: ['returul a fost un calvar', 'încă aștept banii înapoi', 'formularul de retur nu funcționează'],
      app: ['aplicația se blochează mereu', 'nu mă pot autentifica în aplicație', 'plata în aplicație nu a mers'],
    },
  },
  en: {
    openers: {
      positive: ['Great!', 'Very happy overall.', 'Everything was perfect.', 'Highly recommend!', ''],
      negative: ['Unfortunately', 'Really disappointed.', 'Would not recommend.', 'Honestly,', ''],
      mixed: ['Mostly fine, but', 'Not bad, although', 'Good product, however', ''],
    },
    closers: {
      positive: ['Will definitely order again.', 'Thank you!', 'Telling all my friends.', ''],
      negative: ['Not ordering again.', 'Not worth it.', 'Please get in touch.', ''],
      mixed: ['Hope it gets better next time.', 'Will give you another chance.', ''],
    },
    positive: {
      delivery: ['the parcel arrived the next day', 'delivery was super fast', 'the courier was on time and friendly'],
      price: ['prices are very fair', 'great value for money', 'I got a good discount'],
      staff: ['the chat agent was really helpful', 'staff were kind and knew their stuff', 'the shop assistant helped me find the right size'],
      quality: ['the shoes are comfortable and well made', 'the material feels high quality', 'everything matched the description'],
      returns: ['the return was painless', 'I got my refund within two days'],
      app: ['the app is fast and easy to use', 'ordering in the app was a breeze'],
    },
    negative: {
      delivery: ['the parcel took more than a week', 'the courier never showed up in the time slot', 'the package arrived damaged'],
      waiting: ['I waited over a week for a reply', 'I was on hold for 40 minutes', 'nobody answered my email'],
      price: ['prices are too high', 'the delivery fee is ridiculous', 'not worth the money'],
      staff: ['the agent was rude', 'staff in the shop ignored me', 'nobody could help me'],
      quality: ['the sole came off after two weeks', 'the colour is nothing like the photo', 'quality is worse than I expected'],
      returns: ['returning it was a nightmare', 'still waiting for my refund', 'the returns form does not work'],
      app: ['the app keeps crashing', 'I cannot log in to the app', 'payment in the app failed'],
    },
  },
};

/** Themes that fit each demo survey, so a return survey talks about returns. */
export const SURVEY_TOPICS: Record<string, string[]> = {
  purchase: ['delivery', 'price', 'quality', 'staff', 'delivery', 'waiting'],
  support: ['staff', 'waiting', 'staff'],
  returns: ['returns', 'waiting', 'returns'],
  onboarding: ['app', 'app', 'price'],
  relationship: ['quality', 'price', 'staff', 'delivery', 'app', 'waiting'],
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A natural-sounding comment of the given tone about one or two of the survey's themes. */
export function composeComment(rng: Random, lang: Lang, tone: Tone, topics: string[]): string {
  const bank = BANK[lang];
  const pool = (polarity: 'positive' | 'negative') => {
    const topic = rng.pick(topics);
    const phrases = bank[polarity][topic] ?? bank[polarity][Object.keys(bank[polarity])[0]!]!;
    return rng.pick(phrases);
  };
  const opener = rng.pick(bank.openers[tone]);
  const closer = rng.pick(bank.closers[tone]);
  let body: string;
  if (tone === 'mixed') {
    body = `${pool('negative')}`;
    const good = pool('positive');
    body = opener ? `${good}, ${body}` : `${capitalise(good)}, ${body}`;
  } else {
    const polarity = tone === 'positive' ? 'positive' : 'negative';
    const first = pool(polarity);
    const second = rng.chance(0.35) ? pool(polarity) : null;
    const and = { pl: ' i ', ro: ' și ', en: ' and ' }[lang];
    body = second && second !== first ? `${first}${and}${second}` : first;
  }
  const sentence = opener
    ? `${opener} ${opener.endsWith(',') || !/[.!?]$/.test(opener) ? body : capitalise(body)}.`
    : `${capitalise(body)}.`;
  return closer ? `${sentence} ${closer}` : sentence;
}
