/**
 * Theme detection: which CX pillars and business topics a piece of feedback talks about.
 * Hand-written lexicons, multi-label, no I/O. Keyword syntax is described in ./keywords.ts
 * (folded form; `stem*` matches word prefixes; spaces make a phrase of consecutive words).
 *
 * Lexicon notes, so nobody "simplifies" them later:
 *   - Short stems are avoided where they swallow common words: Polish `zal*` would catch
 *     "załatwić", `kont*` "kontakt", `reklam*` turns "reklamacja" into an advert, Romanian
 *     `pret*` catches "pretenții", `plat*` "platformă", `personal*` "personalizat", `astept*`
 *     "așteptări" (expectations, not waiting). Such words are listed as exact forms instead.
 *   - Polish "oczekiwanie" is both waiting and expectation, so each theme only uses the
 *     phrases that disambiguate it ("czas oczekiwania" vs "spełnia oczekiwania").
 */
import {
  compileKeywords,
  hitScore,
  keywordsFor,
  matchesAt,
  type CompiledKeyword,
  type KeywordSet,
  type Lang,
} from './keywords.js';
import type { Token } from './text.js';

export type ThemeKind = 'pillar' | 'topic';

export interface ThemeDef {
  id: string;
  kind: ThemeKind;
  names: { pl: string; ro: string; en: string };
  keywords: { pl: string[]; ro: string[]; en: string[] };
}

/** Workspace-defined themes may leave out languages; a missing language has no keywords. */
export type ThemeInput = Omit<ThemeDef, 'keywords'> & { keywords: Partial<ThemeDef['keywords']> };

export interface ThemeHit {
  id: string;
  /** 0..1, 1 - 0.5^hits. */
  score: number;
  /** Up to 5 matched words or phrases as written, in text order. */
  evidence: string[];
}

const MAX_EVIDENCE = 5;

export const BUILTIN_THEMES: ThemeDef[] = [
  // ---- CX pillars ----
  {
    id: 'integrity',
    kind: 'pillar',
    names: { pl: 'Uczciwość', ro: 'Integritate', en: 'Integrity' },
    keywords: {
      pl: [
        'uczciw*', 'nieuczciw*', 'oszust*', 'oszuk*', 'zaufan*', 'zaufal*', 'ufam', 'ufac', 'wiarygodn*',
        'rzeteln*', 'nierzeteln*', 'obiecal*', 'obiecan*', 'obietnic*', 'dotrzym*', 'slown*', 'klamst*',
        'klamal*', 'klamia', 'klamca', 'klamcy', 'sklamal*', 'oklam*', 'naciag*', 'wprowadz* w blad',
        'przejrzyst*', 'transparentn*', 'ukryt* oplat*', 'drobn* druk*', 'wyludz*', 'falszyw*', 'podrob*',
        'sciem*', 'szczery', 'szczerosc*', 'zlodziej*', 'okradl*', 'okradzion*',
      ],
      ro: [
        'cinstit*', 'necinstit*', 'onest*', 'increder*', 'increzat*', 'tepuit*', 'teapa*', 'tepe', 'tepar*',
        'minciun*', 'mintit*', 'mincinos*', 'escroc*', 'fraud*', 'insel*', 'promis*', 'transparen*',
        'costuri ascuns*', 'tax* ascuns*', 'serios*', 'neserios*', 'furat*', 'hoti', 'hotii', 'hotie',
        'falsificat*', 'fals', 'contrafacut*', 'tinut* de cuvant', 'de cuvant', 'indu* in eroare',
        'rea credinta', 'buna credinta', 'integritat*', 'sinceritat*',
      ],
      en: [
        'honest*', 'dishonest*', 'trust*', 'untrustworth*', 'distrust*', 'mistrust*', 'kept their word',
        'kept his word', 'kept their promise*', 'broken promise*', 'false promise*', 'promised',
        'as promised', 'lie', 'lied', 'lies', 'lying', 'liar*', 'scam*', 'fraud*', 'cheat*', 'rip off',
        'ripoff', 'ripped off', 'mislead*', 'misled', 'deceiv*', 'decept*', 'transparen*', 'hidden fee*',
        'hidden cost*', 'hidden charge*', 'small print', 'fine print', 'bait and switch', 'integrity',
        'sincerity', 'insincere', 'legit*', 'shady',
      ],
    },
  },
  {
    id: 'resolution',
    kind: 'pillar',
    names: { pl: 'Rozwiązanie problemu', ro: 'Rezolvare', en: 'Resolution' },
    keywords: {
      pl: [
        'rozwiaz*', 'nierozwiaz*', 'napraw*', 'zalatw*', 'nadal nie', 'dalej nie', 'wciaz nie',
        'problem nadal', 'problem dalej', 'bez rozwiazania', 'zwro* pieni*', 'wymien*', 'wymian*',
        'poprawil*', 'poprawion*', 'rekompens*', 'zadoscuczyn*', 'rozpatrz*', 'pomogl*', 'nikt nie pomogl*',
        'bez efektu', 'bezskutecz*', 'skuteczn*', 'nieskuteczn*', 'uporal*', 'rozstrzyg*', 'ogarn*',
        'poradzil* sobie', 'ciagnie sie', 'sprawa zamknieta', 'uznal* reklamac*', 'reklamacj* uznan*',
        'odrzucil* reklamac*', 'usunel* usterk*', 'zgloszen* zamkniet*',
      ],
      ro: [
        'rezolv*', 'nerezolvat*', 'remedi*', 'reparat*', 'repara', 'soluti*', 'rambursa*', 'banii inapoi',
        'returnat* banii', 'inlocui*', 'ajutat*', 'nu m au ajutat', 'persist*', 'inca nu', 'tot nu',
        'nici acum', 'nici pana acum', 'despagub*', 'compens*', 'lamur*', 'clarific*', 'fara rezultat',
        'fara niciun rezultat', 'nu au putut', 'nimeni nu a putut', 'problema a ramas', 'problema persista',
        'reclamati* acceptat*', 'reclamati* respins*', 's a rezolvat', 'tichet* inchis*', 'caz* inchis*',
      ],
      en: [
        'solved', 'unsolved', 'resolv*', 'unresolved', 'fixed', 'fix it', 'sorted out', 'sorted it',
        'refunded', 'refund issued', 'money back', 'replaced', 'replacement*', 'still not', 'still broken',
        'still not working', 'problem remains', 'issue remains', 'no solution', 'solution*', 'persist*',
        'workaround', 'took care of', 'handled it', 'dealt with', 'followed up', 'follow up', 'escalat*',
        'rectif*', 'remed*', 'put it right', 'made it right', 'compensat*', 'goodwill gesture',
        'could not help', "couldn't help", 'unable to help', 'nobody could help', 'case closed',
        'ticket closed',
      ],
    },
  },
  {
    id: 'expectations',
    kind: 'pillar',
    names: { pl: 'Oczekiwania', ro: 'Așteptări', en: 'Expectations' },
    keywords: {
      pl: [
        'zgodn* z opisem', 'zgodn* z zamowieniem', 'niezgodn*', 'opis', 'opisu', 'opisem', 'opisie',
        'rozczarow*', 'zawiod*', 'zawied*', 'zawod', 'spelni* oczekiwan*', 'spelnil* oczekiwan*',
        'moje oczekiwan*', 'ponad oczekiwan*', 'powyzej oczekiwan*', 'ponizej oczekiwan*',
        'zgodnie z oczekiwan*', 'wbrew oczekiwan*', 'przeszl* oczekiwan*', 'spodziewal*', 'na zdjec*',
        'jak na zdjec*', 'na obrazk*', 'pozytywnie zaskocz*', 'negatywnie zaskocz*', 'nie tego',
        'spelnia wymagan*', 'zgodnie z zapowiedz*', 'lepiej niz', 'gorzej niz', 'inny niz', 'inna niz',
        'inne niz',
      ],
      ro: [
        'conform descrierii', 'conform* cu descrierea', 'descrier*', 'ca in poza', 'ca in poze',
        'ca in imagin*', 'din poza', 'poza', 'poze', 'pozele', 'dezamag*', 'asteptari*', 'ma asteptam',
        'corespund*', 'corespunz*', 'necorespunz*', 'altceva decat', 'alt produs', 'surprins* placut',
        'placut surprins*', 'neplacut surprins*', 'impresionat*', 'satisfacut*', 'nesatisfacut*',
        'nesatisfacator*', 'mai bun decat', 'mai bine decat', 'mai prost decat', 'diferit de',
      ],
      en: [
        'as described', 'not as described', 'as advertised', 'as pictured', 'as shown', 'as expected',
        'than expected', 'better than expected', 'worse than expected', 'expectation*', 'exceed*',
        'disappoint*', 'letdown', 'let down', 'underwhelm*', 'overhyped', 'not what i ordered',
        'not what i expected', 'match* the description', 'description', 'looks like the picture',
        'different from the photo*', 'nothing like the picture*', 'nothing like', 'live* up to',
        'lived up to', 'impress*', 'unimpress*', 'worth the hype', 'misrepresent*', 'surpass*',
        'pleasantly surprised', 'beyond expectations', 'fell short', 'falls short', 'below par',
      ],
    },
  },
  {
    id: 'time_effort',
    kind: 'pillar',
    names: { pl: 'Czas i wysiłek', ro: 'Timp și efort', en: 'Time and effort' },
    keywords: {
      pl: [
        'latw*', 'prosty', 'prosta', 'proste', 'prostsz*', 'prostot*', 'szybk*', 'sprawn*', 'bezproblemow*',
        'bez problemu', 'bez problemow', 'bez klopotu', 'wygodn*', 'niewygodn*', 'intuicyjn*', 'klopot*',
        'uciazliw*', 'trudn*', 'skomplikowan*', 'zagmatwan*', 'biurokrac*', 'musial* dzwonic',
        'musial* pisac', 'musial* jechac', 'kilka razy', 'trzy razy', 'wiele razy', 'kilkukrotn*',
        'wielokrotn*', 'w kolko', 'odsylan*', 'strat* czasu', 'mnostwo czasu', 'wysil*', 'fatyg*', 'mordeg*',
        'przez mek*', 'jednym klikn*', 'od reki', 'blyskawicz*',
      ],
      ro: [
        'usor', 'usoara', 'usoare', 'usurin*', 'simplu', 'simpla', 'simple', 'rapid*', 'repede', 'prompt*',
        'eficien*', 'ineficien*', 'fara probleme', 'fara batai de cap', 'batai de cap', 'bataie de cap',
        'complicat*', 'dificil*', 'greu', 'greoi*', 'birocrat*', 'am sunat', 'de trei ori',
        'de mai multe ori', 'de nenumarate ori', 'pierdere de timp', 'timp pierdut', 'pierdut* timpul',
        'comod*', 'incomod*', 'intuitiv*', 'neintuitiv*', 'plimbat*', 'degeaba', 'efort*', 'chinuit*',
        'un click', 'un clic', 'pe loc', 'imediat',
      ],
      en: [
        'easy', 'easily', 'easier', 'simple', 'quick*', 'fast', 'faster', 'hassle*', 'convenien*',
        'inconvenien*', 'straightforward', 'seamless*', 'smooth*', 'painless*', 'no problem*',
        'without any problem*', 'difficult*', 'complicat*', 'confus*', 'tedious', 'took forever',
        'waste of time', 'wasted my time', 'had to call', 'had to chase', 'multiple times', 'several times',
        'three times', 'again and again', 'over and over', 'back and forth', 'hoops', 'chasing', 'effort*',
        'time consuming', 'in no time', 'user friendly', 'one click', 'slow*', 'cumbersome',
      ],
    },
  },
  {
    id: 'personalisation',
    kind: 'pillar',
    names: { pl: 'Personalizacja', ro: 'Personalizare', en: 'Personalisation' },
    keywords: {
      pl: [
        'indywidualn*', 'personaln*', 'personaliz*', 'spersonaliz*', 'dopasow*', 'pamietal*', 'pamietaja',
        'zapamietal*', 'po imieniu', 'z imienia', 'moje imie', 'stal* klient*', 'stalego klient*',
        'wiern* klient*', 'lojaln*', 'moich potrzeb', 'moje potrzeby', 'pod potrzeby', 'pod moje', 'szablon*',
        'automatyczn* odpowiedz*', 'jak z automatu', 'bot', 'bota', 'botem', 'chatbot*', 'robot*',
        'jak numer*', 'anonimow*', 'kopiuj wklej', 'urodzin*', 'odrecz*', 'liscik*', 'dedykowan*', 'na miare',
        'doradz*', 'zna* mnie', 'znali moje',
      ],
      ro: [
        'personaliz*', 'individual*', 'adaptat*', 'nevoile mele', 'nevoilor mele', 'pe nevoile', 'pe masura',
        'preferint*', 'pe nume', 'numele meu', 'ma stia*', 'ma cunosc*', 'client fidel', 'clienti fideli',
        'fidel*', 'client* vechi', 'ca un numar', 'ca pe un numar', 'raspuns* automat*', 'robot*', 'sablon*',
        'copy paste', 'biletel*', 'scris de mana', 'dedicat*', 'special pentru mine', 'ziua mea',
        'zi de nastere', 'aniversar*', 'tinut* minte', 'amint*', 'recomandari personalizate',
      ],
      en: [
        'personal touch', 'personal service', 'personal attention', 'personal approach', 'personalis*',
        'personaliz*', 'tailor*', 'by name', 'by my name', 'remembered me', 'remembered my', 'recognised me',
        'recognized me', 'knew me', 'knew my', 'remembers me', 'regular customer*', 'loyal customer*',
        'loyalty', 'customis*', 'customiz*', 'bespoke', 'individual*', 'one size fits all', 'generic',
        'copy paste', 'canned response*', 'canned repl*', 'scripted', 'script', 'robot*',
        'automated response*', 'just a number', 'like a number', 'my needs', 'my preferences', 'preference*',
        'birthday', 'handwritten', 'vip',
      ],
    },
  },
  {
    id: 'empathy',
    kind: 'pillar',
    names: { pl: 'Empatia', ro: 'Empatie', en: 'Empathy' },
    keywords: {
      pl: [
        'wyrozumial*', 'zrozumien*', 'empat*', 'niemil*', 'mily', 'mila', 'mili', 'milo', 'milutk*',
        'uprzejm*', 'nieuprzejm*', 'grzeczn*', 'niegrzeczn*', 'opryskliw*', 'chamsk*', 'chamstw*', 'arogan*',
        'lekcewaz*', 'olal*', 'olew*', 'zbyl*', 'zbywa*', 'cierpliw*', 'niecierpliw*', 'troskliw*',
        'troszcz*', 'serdeczn*', 'zyczliw*', 'niezyczliw*', 'po ludzku', 'ludzk* podejsc*', 'nieludzk*',
        'wysluch*', 'przepros*', 'szacun*', 'pogard*', 'zaangaz*', 'obojetn*', 'wspolczu*', 'zadbal*',
      ],
      ro: [
        'intelegator*', 'intelegere', 'empati*', 'amabil*', 'neamabil*', 'politico*', 'nepolitico*',
        'nesimtit*', 'obraznic*', 'arogant*', 'impertinent*', 'badaran*', 'vorbit urat', 'tratat* urat',
        'indiferenta', 'indiferenti', 'nu le pasa', 'le pasa', 'i pasa', 'grijuli*', 'atent*', 'neatent*',
        'rabda*', 'nerabda*', 'calduros*', 'uman*', 'scuze', 'cerut scuze', 'respect*', 'lipsa de respect',
        'dispret*', 'sfidator*', 'ascultat*', 'implicat*', 'dragut*', 'zambitor*', 'zambet*', 'bun simt',
        'urlat*', 'tipat*',
      ],
      en: [
        'empath*', 'understanding', 'understood', 'caring', 'cared', "didn't care", 'did not care',
        'care about', 'very kind', 'kindly', 'kindness', 'friendly', 'unfriendly', 'polite*', 'impolite*',
        'courteous', 'rude*', 'arrogant*', 'dismissive*', 'condescend*', 'patronis*', 'patroniz*', 'patience',
        'patiently', 'impatien*', 'compassion*', 'sympath*', 'respectful*', 'respected', 'disrespect*',
        'no respect', 'warmly', 'indifferen*', 'apologi*', 'listen*', 'reassur*', 'attentive*',
        'above and beyond', 'extra mile', 'treated me like',
      ],
    },
  },

  // ---- Topics ----
  {
    id: 'delivery',
    kind: 'topic',
    names: { pl: 'Dostawa', ro: 'Livrare', en: 'Delivery' },
    keywords: {
      pl: [
        'dostaw*', 'dostarcz*', 'kurier*', 'paczk*', 'przesylk*', 'wysylk*', 'wyslan*', 'nadan*', 'odbior*',
        'odebral*', 'inpost', 'dpd', 'dhl', 'gls', 'fedex', 'poczt*', 'listonosz*', 'dorecz*', 'dotarl*',
        'transport*', 'karton*', 'pudel*', 'opakowan*', 'przewoz*', 'nadawc*', 'sledzen*', 'numer przesylki',
        'zagin*', 'spedyc*', 'awizo*', 'punkt odbioru',
      ],
      ro: [
        'livr*', 'curier*', 'colet*', 'pachet*', 'expedi*', 'transport*', 'awb', 'fan courier', 'cargus',
        'sameday', 'dpd', 'gls', 'dhl', 'easybox', 'locker*', 'posta', 'postei', 'postas*', 'ajuns', 'sosit*',
        'ambalaj*', 'cutie', 'cutia', 'cutii', 'cutiei', 'sofer*', 'depozit*', 'urmarir*', 'predat*',
        'nu a ajuns', 'punct de ridicare',
      ],
      en: [
        'deliver*', 'undeliver*', 'courier*', 'parcel*', 'packag*', 'ship', 'shipped', 'shipping',
        'shipment*', 'dispatch*', 'postage', 'postman', 'postwoman', 'post office', 'tracking*', 'dpd', 'dhl',
        'ups', 'fedex', 'royal mail', 'evri', 'hermes', 'inpost', 'locker*', 'doorstep', 'left at', 'arriv*',
        'box', 'boxes', 'driver*', 'pick up point', 'pickup point', 'collection point', 'click and collect',
        'next day', 'same day', 'in transit', 'lost in transit', 'transit',
      ],
    },
  },
  {
    id: 'price_value',
    kind: 'topic',
    names: { pl: 'Cena i wartość', ro: 'Preț și valoare', en: 'Price and value' },
    keywords: {
      pl: [
        'cena', 'ceny', 'cene', 'cenie', 'cenach', 'cenami', 'cenow*', 'drogo', 'drozsz*', 'za drog*',
        'zbyt drog*', 'tani*', 'promocj*', 'rabat*', 'znizk*', 'kupon*', 'oplacal*', 'nieoplacal*', 'warto',
        'wart', 'warte', 'warta', 'wartosc*', 'przeplac*', 'zdzierstw*', 'zdziercz*', 'koszt*', 'oplat*',
        'zl', 'zlotych', 'pln', 'wyprzedaz*', 'okazyjn*', 'budzet*', 'przecen*', 'gratis', 'darmow*',
        'za darmo',
      ],
      ro: [
        'pret', 'pretul', 'pretului', 'preturi', 'preturile', 'preturilor', 'scump*', 'ieftin*', 'cost',
        'costul', 'costuri*', 'costa', 'costat', 'costisitor*', 'reducer*', 'promoti*', 'ofert*', 'discount*',
        'voucher*', 'cupon*', 'lei', 'ron', 'euro', 'bani aruncati', 'aruncat* banii', 'merita', 'meritat*',
        'calitate pret', 'valoare', 'accesibil*', 'chilipir*', 'taxa', 'taxe', 'gratuit*', 'gratis',
        'black friday', 'jaf',
      ],
      en: [
        'price*', 'pricing', 'overpriced', 'expensive', 'inexpensive', 'cheap*', 'afford*', 'value',
        'value for money', 'worth*', 'bargain*', 'good deal', 'great deal', 'best deal', 'discount*',
        'promo*', 'coupon*', 'voucher*', 'sale', 'offer', 'offers', 'special offer*', 'cost', 'costs',
        'costly', 'fee', 'fees', 'waste of money', 'for the money', 'pounds', 'dollars', 'euro', 'euros',
        'quid', 'budget', 'competitive', 'overcharg*', 'free shipping', 'free delivery',
      ],
    },
  },
  {
    id: 'product_quality',
    kind: 'topic',
    names: { pl: 'Jakość produktu', ro: 'Calitatea produsului', en: 'Product quality' },
    keywords: {
      pl: [
        'jakosc*', 'wada', 'wady', 'wade', 'wadami', 'wadliw*', 'usterk*', 'uszkodz*', 'zepsut*', 'zepsul*',
        'psuj*', 'rozpad*', 'rozlecial*', 'pekniet*', 'pekl*', 'porysow*', 'zarysow*', 'material*', 'tkanin*',
        'solidn*', 'trwaly', 'trwala', 'trwale', 'trwalosc*', 'nietrwal*', 'wytrzymal*', 'tandet*',
        'badziew*', 'produkt*', 'towar*', 'rozmiar*', 'smak*', 'swiez*', 'nieswiez*', 'przeterminowan*',
        'plesn*', 'nie dziala', 'wykonan*', 'wykonczen*', 'plastik*',
      ],
      ro: [
        'calitat*', 'defect*', 'stricat*', 'rupt*', 'zgariat*', 'crapat*', 'fisurat*', 'deteriorat*',
        'spart*', 'deformat*', 'material*', 'tesatur*', 'cusatur*', 'produs*', 'marfa', 'marfii',
        'rezistent*', 'durabil*', 'solid*', 'fragil*', 'functioneaz*', 'functional*', 'nefunctional*',
        'marime*', 'gust*', 'proaspat*', 'expirat*', 'alterat*', 'mucegai*', 'fabricati*', 'finisa*',
      ],
      en: [
        'quality', 'defect*', 'faulty', 'broken', 'broke', 'breaks', 'damaged', 'damage', 'flimsy', 'durab*',
        'sturdy', 'well made', 'poorly made', 'falls apart', 'fell apart', 'material*', 'fabric*', 'stitch*',
        "doesn't work", 'does not work', 'stopped working', 'malfunction*', 'crack*', 'scratch*', 'dented',
        'torn', 'leak*', 'smell*', 'stain*', 'sizing', 'too small', 'fresh*', 'stale', 'expired', 'rotten',
        'mouldy', 'moldy', 'tast*', 'product*', 'item*',
      ],
    },
  },
  {
    id: 'staff_service',
    kind: 'topic',
    names: { pl: 'Obsługa i personel', ro: 'Personal și servire', en: 'Staff and service' },
    keywords: {
      pl: [
        'obslug*', 'obsluz*', 'personel*', 'pracowni*', 'sprzedaw*', 'kasjer*', 'konsultant*', 'doradc*',
        'kelner*', 'pan', 'pani', 'panem', 'ekspedient*', 'biuro obslugi', 'zespol*', 'serwis*', 'kierownik*',
        'menedzer*', 'manager*', 'recepcj*', 'technik', 'ochroniarz*', 'farmaceut*', 'fryzjer*', 'mechanik*',
        'obsluga klienta', 'dzial obslugi',
      ],
      ro: [
        'personal', 'personalul', 'personalului', 'angajat*', 'vanzato*', 'casier*', 'ospatar*', 'chelner*',
        'operator*', 'agent*', 'consultant*', 'consilier*', 'reprezentant*', 'doamna', 'domnul', 'domnisoar*',
        'serviciu* clienti', 'relati* cu client*', 'call center', 'suport', 'echipa', 'echipei', 'manager*',
        'sef', 'sefa', 'seful', 'receptie', 'receptioner*', 'tehnician*', 'deservire', 'servire', 'servit*',
        'serviciu*', 'farmacist*', 'frizer*', 'mecanic*',
      ],
      en: [
        'staff', 'employee*', 'assistant*', 'shop assistant*', 'sales assistant*', 'cashier*', 'waiter*',
        'waitress*', 'agent*', 'advisor*', 'adviser*', 'consultant*', 'rep', 'reps', 'representative*',
        'customer service', 'customer care', 'customer support', 'support team', 'support', 'service',
        'served', 'help desk', 'helpdesk', 'team', 'manager*', 'receptionist*', 'technician*', 'seller*',
        'salesman', 'saleswoman', 'salesperson', 'salespeople', 'clerk*', 'barista*', 'operator*',
        'personnel',
      ],
    },
  },
  {
    id: 'waiting_time',
    kind: 'topic',
    names: { pl: 'Czas oczekiwania', ro: 'Timp de așteptare', en: 'Waiting time' },
    keywords: {
      pl: [
        'czeka*', 'poczeka*', 'odczeka*', 'zaczeka*', 'czas* oczekiw*', 'oczekiwal*', 'oczekiwani* na',
        'kolejk*', 'opozn*', 'spozn*', 'zwlok*', 'zwlek*', 'minut*', 'godzin*', 'dni', 'dnia', 'tygodni*',
        'tydzien', 'miesiac*', 'dlugo', 'dluzej', 'wieki', 'wiecznosc', 'powoli', 'powoln*', 'slimacz*',
        'terminow*', 'nieterminow*', 'na czas', 'w terminie', 'po terminie', 'termin', 'terminu', 'przesun*',
        'przelozon*', 'natychmiast*', 'wisial* na', 'w ciagu',
      ],
      ro: [
        'astept', 'asteptat*', 'asteptare*', 'asteapta', 'asteptand', 'coada', 'cozi', 'intarzi*', 'minut*',
        'ore', 'ora', 'orei', 'zile', 'saptaman*', 'o luna', 'mult timp', 'prea mult', 'dureaz*', 'durat*',
        'incet', 'incetineal*', 'lent', 'lenta', 'lente', 'lentoare', 'la timp', 'la termen', 'in termen',
        'termen', 'termenul', 'termenului', 'amanat*', 'amanar*', 'punctual*', 'ore intregi',
        'zeci de minute', 'in cateva',
      ],
      en: [
        'wait', 'waits', 'waited', 'waiting', 'queue*', 'on hold', 'hold music', 'minutes', 'hour', 'hours',
        'days', 'week', 'weeks', 'delay*', 'late', 'lateness', 'overdue', 'took forever', 'forever', 'ages',
        'slow*', 'still waiting', 'in line', 'long line*', 'postpone*', 'reschedul*', 'eta', 'turnaround',
        'response time', 'prompt*', 'on time', 'in time', 'punctual*', 'timely', 'early', 'waiting list',
        'backlog', 'next day',
      ],
    },
  },
  {
    id: 'website_app',
    kind: 'topic',
    names: { pl: 'Strona i aplikacja', ro: 'Site și aplicație', en: 'Website and app' },
    keywords: {
      pl: [
        'stron* internetow*', 'stron* sklep*', 'na stronie', 'witryn*', 'serwis internetow*', 'www',
        'aplikacj*', 'apk*', 'sklep internetow*', 'online', 'internetow*', 'logow*', 'zalogow*', 'konto',
        'konta', 'koncie', 'kontem', 'hasl*', 'koszyk*', 'formularz*', 'zawies*', 'crash*', 'wyskakuj*',
        'komunikat o bledzie', 'blad strony', 'blad aplikacji', 'laduj*', 'klikn*', 'przycisk*', 'zakladk*',
        'wyszukiwar*', 'filtrowan*', 'nawigac*', 'interfejs*', 'mobiln*', 'aktualizac*', 'rejestrac*',
      ],
      ro: [
        'site*', 'website*', 'aplicati*', 'app', 'online', 'magazin online', 'cont', 'contul', 'contului',
        'parol*', 'logar*', 'logat*', 'autentific*', 'inregistrar*', 'cos de cumparaturi', 'cosul', 'buton*',
        'pagin*', 'blocheaz*', 'eroare', 'erori', 'incarc*', 'filtrare', 'filtrele', 'cautare', 'navigar*',
        'interfat*', 'link*', 'formular*', 'actualizar*', 'android', 'ios', 'browser*', 'platform*',
        'checkout',
      ],
      en: [
        
        'website*', 'site', 'webpage*', 'app', 'apps', 'mobile app', 'online', 'log in', 'login*',
        
        'sign in', 'sign up', 'account*', 'password*', 'checkout', 'cart', 'basket', 'browser*',
        
        'page', 'pages', 'crash*', 'bug', 'bugs', 'buggy', 'glitch*', 'error*', 'loading',
        
        "won't load", "doesn't load", 'navigat*', 'interface', 'ui', 'ux', 'layout', 'search bar',
        
        'filters', 'filtering', 'link', 'freezes', 'android', 'ios',
        
      ],
    },
  },
  {
    id: 'payment',
    kind: 'topic',
    names: { pl: 'Płatności', ro: 'Plată', en: 'Payment' },
    keywords: {
      pl: [
        'platn*', 'zaplac*', 'placi*', 'placen*', 'oplacil*', 'oplacon*', 'oplacic', 'oplacen*', 'karta',
        'karty', 'karte', 'karcie', 'kartami', 'kart* platnicz*', 'kart* kredytow*', 'blik', 'przelew*',
        'za pobraniem', 'pobrani*', 'pobral*', 'obciaz*', 'transakcj*', 'faktur*', 'paragon*', 'rachun*',
        'gotowk*', 'terminal*', 'raty', 'ratach', 'rataln*', 'payu', 'paypal', 'google pay', 'apple pay',
        'bramk* platn*', 'bank*', 'zaksiegow*', 'subskrypc*', 'abonament*',
      ],
      ro: [
        'plata', 'platii', 'plati', 'platit*', 'platesc', 'platest*', 'achit*', 'card*', 'tranzacti*',
        'factur*', 'bon fiscal', 'bonul', 'chitant*', 'ramburs', 'numerar', 'cash', 'debitat*', 'retras*',
        'taxat*', 'banc*', 'pos', 'contactless', 'in rate', 'rate fara dobanda', 'abonament*', 'paypal',
        'revolut', 'apple pay', 'google pay', 'comision*',
      ],
      en: [
        'pay', 'paid', 'paying', 'payment*', 'paypal', 'unpaid', 'prepaid', 'card', 'cards', 'credit card',
        'debit card', 'charged', 'charges', 'charge', 'charged twice', 'double charged', 'overcharg*',
        'transaction*', 'invoice*', 'receipt*', 'bill', 'billed', 'billing', 'cash', 'contactless',
        'apple pay', 'google pay', 'klarna', 'blik', 'bank*', 'bank transfer', 'wire transfer', 'declined',
        'deducted', 'debited', 'direct debit', 'instalment*', 'installment*', 'subscription*', 'pin',
      ],
    },
  },
  {
    id: 'returns_complaints',
    kind: 'topic',
    names: { pl: 'Zwroty i reklamacje', ro: 'Retururi și reclamații', en: 'Returns and complaints' },
    keywords: {
      pl: [
        'zwrot*', 'zwroci*', 'zwrac*', 'odesl*', 'odsyl*', 'reklamac*', 'reklamow*', 'zareklamow*', 'skarg*',
        'gwaranc*', 'rekojm*', 'wymian*', 'wymien*', 'odstapi* od umowy', 'odstapien*',
        'rzecznik* konsument*', 'uokik', 'zazalen*', 'protokol*', 'odmow*', 'odrzuc*', '14 dni', '30 dni',
      ],
      ro: [
        'retur*', 'rambursar*', 'banii inapoi', 'reclamat*', 'plangere*', 'garanti*', 'schimb', 'schimbul',
        'inlocuir*', 'anpc', 'protectia consumatorului', 'retrager*', 'trimis* inapoi', 'trimite inapoi',
        'sesizar*', 'contestati*', 'refuzat*', '14 zile', '30 de zile', 'drept* de retur',
      ],
      en: [
        'returned', 'returns', 'returning', 'return label', 'return policy', 'return it', 'return the',
        'to return', 'a return', 'the return', 'my return', 'free return*', 'refund*', 'money back',
        'exchang*', 'complain*', 'warrant*', 'guarantee*', 'claim*', 'dispute*', 'chargeback', 'rma',
        'send it back', 'sent it back', 'sending it back', 'sent back', 'send back', 'ship it back',
        'ombudsman', 'consumer rights', 'trading standards', 'cooling off', 'restocking fee', 'store credit',
        '14 day*', '30 day*',
      ],
    },
  },
  {
    id: 'communication',
    kind: 'topic',
    names: { pl: 'Komunikacja', ro: 'Comunicare', en: 'Communication' },
    keywords: {
      pl: [
        'kontakt*', 'skontakt*', 'mail*', 'email*', 'e mail*', 'wiadomosc*', 'telefon*', 'zadzwon*',
        'dzwoni*', 'dodzwoni*', 'infolini*', 'czat*', 'chat*', 'odpowiedz', 'odpowiedzi', 'odpowiedzia',
        'odpowiedziec', 'odpowiedzial', 'odpowiedziala', 'odpowiedzieli', 'odpowiedziano', 'odpowiad*',
        'odpisa*', 'odpisuj*', 'informow*', 'poinform*', 'informacj*', 'powiadom*', 'sms*', 'komunikac*',
        'cisza', 'odzew*', 'ignoruj*', 'zignorow*', 'wyjasni*', 'niejasn*',
      ],
      ro: [
        'contact*', 'email*', 'e mail*', 'mail*', 'telefon*', 'sunat*', 'suna', 'apel*', 'raspuns*',
        'raspund*', 'mesaj*', 'chat*', 'informat*', 'anunt*', 'notificar*', 'sms*', 'comunic*', 'ignor*',
        'explic*', 'tacere', 'tichet*', 'linia telefonica', 'niciun raspuns',
      ],
      en: [
        'email*', 'e mail*', 'mail', 'phone*', 'call*', 'chat*', 'live chat', 'message*', 'messaging',
        'respond*', 'response*', 'responsive', 'unresponsive', 'reply', 'replied', 'replies', 'answer*',
        'unanswered', 'contact*', 'inform*', 'kept me informed', 'kept me updated', 'updates', 'notif*',
        'sms', 'text message*', 'ghosted', 'ignor*', 'no reply', 'heard back', 'heard nothing', 'back to me',
        'explain*', 'unclear', 'communicat*', 'hotline', 'helpline', 'voicemail', 'ticket*',
      ],
    },
  },
];

/** Keyword sets per language, plus the union used when the language is unknown. */
type CompiledTheme = Record<Lang | 'any', KeywordSet>;

function compileTheme(theme: ThemeInput): CompiledTheme {
  const kw = theme.keywords;
  return {
    pl: compileKeywords(kw.pl ?? []),
    ro: compileKeywords(kw.ro ?? []),
    en: compileKeywords(kw.en ?? []),
    any: compileKeywords(keywordsFor(kw, null)),
  };
}

// Built-ins are compiled once. Custom themes are compiled per call (only the language needed):
// workspaces edit them, and caching by object identity would risk serving stale keywords.
const BUILTIN_COMPILED = new Map<ThemeInput, CompiledTheme>(BUILTIN_THEMES.map((t) => [t, compileTheme(t)]));

function keywordSet(theme: ThemeInput, lang: Lang | null): KeywordSet {
  const builtin = BUILTIN_COMPILED.get(theme);
  return builtin ? builtin[lang ?? 'any'] : compileKeywords(keywordsFor(theme.keywords, lang));
}

interface IndexedKeyword {
  theme: number;
  kw: CompiledKeyword;
}

/**
 * Every theme's keywords in one index by their first two letters (one letter for the few
 * shorter ones), longest first, for a single pass over the words.
 */
function buildIndex(themes: readonly ThemeInput[], lang: Lang | null): Map<string, IndexedKeyword[]> {
  const index = new Map<string, IndexedKeyword[]>();
  themes.forEach((theme, t) => {
    for (const list of keywordSet(theme, lang).byInitial.values()) {
      for (const kw of list) {
        const key = kw.parts[0]!.text.slice(0, 2);
        const bucket = index.get(key) ?? [];
        bucket.push({ theme: t, kw });
        index.set(key, bucket);
      }
    }
  });
  for (const bucket of index.values()) bucket.sort((a, b) => b.kw.parts.length - a.kw.parts.length || b.kw.source.length - a.kw.source.length);
  return index;
}

const builtinIndex = new Map<string, Map<string, IndexedKeyword[]>>();

/**
 * Themes of a text, multi-label, each with its score and evidence. One pass over the words for
 * all themes; within a theme the longest keyword wins at a position and a word is never counted
 * twice. Without `themes`, the built-in ones (their index is built once per language).
 */
export function detectThemes(tokens: readonly Token[], lang: Lang | null, themes?: readonly ThemeInput[]): ThemeHit[] {
  const list = themes ?? BUILTIN_THEMES;
  let index: Map<string, IndexedKeyword[]>;
  if (themes) index = buildIndex(themes, lang);
  else {
    const key = lang ?? 'any';
    index = builtinIndex.get(key) ?? buildIndex(BUILTIN_THEMES, lang);
    builtinIndex.set(key, index);
  }
  const count = new Array<number>(list.length).fill(0);
  const nextFree = new Array<number>(list.length).fill(0);
  const evidence: string[][] = list.map(() => []);
  const seen: Set<string>[] = list.map(() => new Set());
  const match = (bucket: IndexedKeyword[] | undefined, i: number) => {
    if (!bucket) return;
    for (const { theme, kw } of bucket) {
      if (nextFree[theme]! > i || !matchesAt(tokens, i, kw)) continue;
      count[theme]!++;
      nextFree[theme] = i + kw.parts.length;
      const text = tokens.slice(i, i + kw.parts.length).map((t) => t.raw).join(' ');
      const key = text.toLowerCase();
      if (!seen[theme]!.has(key) && evidence[theme]!.length < MAX_EVIDENCE) {
        seen[theme]!.add(key);
        evidence[theme]!.push(text);
      }
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const norm = tokens[i]!.norm;
    match(index.get(norm.slice(0, 2)), i);
    if (norm.length > 1) match(index.get(norm[0]!), i); // one-letter keywords ("e mail")
  }
  const hits: ThemeHit[] = [];
  list.forEach((theme, t) => {
    if (count[t]) hits.push({ id: theme.id, score: hitScore(count[t]!), evidence: evidence[t]! });
  });
  return hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
