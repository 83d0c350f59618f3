/**
 * Lexicon evidence for six basic emotions as they show up in customer feedback. Same keyword
 * syntax and scoring as themes (see ./keywords.ts). Negation and intensity are deliberately not
 * handled here; the caller combines these scores with its own negation scope.
 *
 * Lexicon notes: Romanian `bucur*` would catch "București", so only the real forms are listed;
 * Polish "na pewno" (surely) is filler, so trust uses "pewny"/"pewność" rather than `pewn*`;
 * English `terrif*` would turn "terrific" into fear.
 */
import {
  compileKeywords,
  countMatches,
  hitScore,
  keywordsFor,
  type KeywordSet,
  type Lang,
} from './keywords.js';
import type { Token } from './text.js';

export const EMOTIONS = ['joy', 'trust', 'anger', 'sadness', 'fear', 'surprise'] as const;
export type Emotion = (typeof EMOTIONS)[number];

export const EMOTION_LEXICON: Record<Emotion, { pl: string[]; ro: string[]; en: string[] }> = {
  joy: {
    pl: [
      'zadowol*', 'super', 'swietn*', 'ciesz*', 'uciesz*', 'radosc*', 'radosn*', 'szczesliw*', 'zachwyc*',
      'zachwyt*', 'rewelac*', 'genialn*', 'fantastyczn*', 'wspanial*', 'doskonal*', 'idealn*', 'perfekcyjn*',
      'ekstra', 'bomba', 'kocham', 'uwielbiam', 'przyjemn*', 'milo', 'pozytywn*', 'mega', 'petard*', 'sztos',
      'cudown*', 'piekn*', 'usmiech*', 'brawo', 'dziekuj*', 'wdzieczn*',
    ],
    ro: [
      'multumit*', 'multumesc', 'bucuros', 'bucuroasa', 'bucurie', 'bucuria', 'bucur', 'bucurat*', 'super',
      'excelent*', 'minunat*', 'fericit*', 'incantat*', 'perfect*', 'genial*', 'fantastic*', 'extraordinar*',
      'superb*', 'grozav*', 'fain', 'frumos*', 'placut*', 'ador', 'iubesc', 'satisfacut*', 'recunoscat*',
      'top', 'nota 10', 'bravo', 'felicitari', 'entuziasmat*', 'zambet*',
    ],
    en: [
      'happy', 'happier', 'happiest', 'happily', 'glad', 'great', 'love*', 'delighted', 'pleased', 'thrilled',
      'excellent', 'amazing', 'awesome', 'fantastic', 'wonderful', 'perfect*', 'brilliant', 'superb', 'super',
      'joy*', 'enjoy*', 'satisf*', 'thank*', 'grateful', 'five stars', '5 stars', 'outstanding',
      'exceptional', 'fabulous', 'nice', 'smile*', 'cheerful', 'pleasure', 'best', 'top notch', 'spot on',
    ],
  },
  trust: {
    pl: [
      'polec*', 'zaufan*', 'zaufal*', 'ufam', 'pewny', 'pewnym', 'pewnosc*', 'sprawdzon*', 'rzeteln*',
      'solidn*', 'profesjonal*', 'wiarygodn*', 'uczciw*', 'bezpieczn*', 'niezawodn*', 'wroce', 'wrocimy',
      'dotrzym*', 'kompetentn*', 'fachow*', 'rekomend*', 'godn*', 'stal* klient*', 'spokojn* glow*',
    ],
    ro: [
      'recomand*', 'increder*', 'serios*', 'seriozitat*', 'profesion*', 'corect*', 'cinstit*', 'onest*',
      'competent*', 'verificat*', 'fidel*', 'revin', 'reveni', 'revenim', 'loial*', 'responsabil*',
      'transparent*', 'punctual*', 'nadejde', 'in siguranta', 'client fidel', 'garantat*',
    ],
    en: [
      'recommend*', 'trust*', 'reliab*', 'dependable', 'honest*', 'professional*', 'competent*', 'legit',
      'legitimate', 'safe', 'secure*', 'peace of mind', 'confiden*', 'reassur*', 'will be back', 'come back',
      'coming back', 'returning customer', 'loyal*', 'always order', 'repeat customer', 'consistent*',
      'credib*', 'genuine*', 'transparent*', 'rely', 'relied', 'count on', 'vouch',
    ],
  },
  anger: {
    pl: [
      'wkurz*', 'wkurw*', 'skandal*', 'oburz*', 'zenujac*', 'zenad*', 'zlosc*', 'wsciek*', 'porazk*', 'dno',
      'masakr*', 'tragedi*', 'tragiczn*', 'kpin*', 'kpia', 'bezczel*', 'chamsk*', 'chamstw*', 'zdenerw*',
      'denerw*', 'irytuj*', 'irytac*', 'zirytow*', 'frustr*', 'absurd*', 'niedopuszczaln*',
      'nie do przyjecia', 'horror', 'koszmar*', 'okropn*', 'fataln*', 'beznadziej*', 'nigdy wiecej',
      'szerokim lukiem', 'odradzam',
    ],
    ro: [
      'nervos*', 'enerv*', 'revolt*', 'bataie de joc', 'batjocor*', 'furie', 'furio*', 'scandal*', 'rusin*',
      'penibil*', 'jalnic*', 'inadmisibil*', 'inacceptabil*', 'de neacceptat', 'dezastr*', 'oribil*',
      'groaznic*', 'execrabil*', 'mizerabil*', 'mizerie', 'nu mai comand', 'frustr*', 'indignat*', 'iritat*',
      'exasperat*', 'culmea', 'absurd*', 'ridicol*', 'nesimt*',
    ],
    en: [
      'angry', 'angrier', 'anger', 'furious', 'fury', 'outrage*', 'ridiculous', 'annoy*', 'irritat*',
      'frustrat*', 'infuriat*', 'livid', 'fuming', 'mad', 'pissed', 'fed up', 'disgust*', 'appall*',
      'disgrace*', 'shameful', 'shame on', 'unacceptable', 'absurd', 'a joke', 'pathetic', 'terrible',
      'horrible', 'awful', 'worst', 'never again', 'hate*', 'rage', 'incompeten*', 'insult*', 'useless',
      'lousy', 'atrocious', 'dreadful', 'abysmal', 'rubbish', 'garbage', 'nightmare', 'horrendous', 'sick of',
    ],
  },
  sadness: {
    pl: [
      'smut*', 'szkoda', 'zal', 'zalu', 'zaluj*', 'zalosn*', 'rozczarow*', 'zawiedz*', 'zawiodl*', 'niestety',
      'przykr*', 'przygnebi*', 'placz*', 'poplakal*', 'niezadowol*', 'zmartwion*', 'boli', 'bolesn*',
      'teskn*', 'zniechec*', 'wiele do zyczenia', 'mogloby byc lepiej', 'kiepsk*', 'nieszczesliw*',
    ],
    ro: [
      'trist*', 'pacat', 'din pacate', 'dezamag*', 'regret*', 'suparat*', 'suparar*', 'deprim*', 'descuraj*',
      'amarat*', 'amaraciune', 'jale', 'plang*', 'plans', 'durere*', 'doare', 'nefericit*', 'nemultumit*',
      'neplacut*', 'mahnit*', 'lasa de dorit', 'dor',
    ],
    en: [
      'sad', 'sadly', 'sadden*', 'sadness', 'unfortunate*', 'disappoint*', 'unhappy', 'upset', 'heartbroken',
      'heartbreak*', 'let down', 'a shame', 'such a shame', 'pity', 'regret*', 'miserable', 'depress*',
      'gutted', 'devastated', 'sorry to', 'dissatisf*', 'unsatisf*', 'cry', 'crying', 'cried', 'in tears',
      'hopeless', 'discourag*', 'dishearten*', 'sorrow*', 'bummed',
    ],
  },
  fear: {
    pl: [
      'boj*', 'obaw*', 'strach*', 'przestrasz*', 'wystrasz*', 'niepokoj*', 'zaniepokoj*', 'niepewn*',
      'martwi*', 'zmartw*', 'stres*', 'nerwow*', 'panik*', 'przeraz*', 'ryzyk*', 'podejrzan*',
      'niebezpieczn*', 'zagroz*', 'watpl*', 'nieufn*', 'uwazajcie', 'ostrzeg*', 'bac sie', 'lekam sie',
    ],
    ro: [
      'fric*', 'teama', 'temer*', 'ma tem', 'tem', 'ingrijor*', 'speriat*', 'sperie', 'infricos*', 'panic*',
      'anxio*', 'anxiet*', 'stres*', 'nelinist*', 'nesigur*', 'risc*', 'suspect*', 'dubios*', 'periculos*',
      'pericol*', 'ameninta*', 'avertiz*', 'feriti*', 'evitati',
    ],
    en: [
      'afraid', 'worried', 'worry', 'worries', 'worrying', 'scary', 'scare*', 'fear*', 'concern*', 'anxious',
      'anxiety', 'nervous*', 'frighten*', 'terrified', 'terrifying', 'panic*', 'alarming', 'uneasy', 'unsafe',
      'risk*', 'danger*', 'suspicious', 'dodgy', 'sketchy', 'beware', 'warn*', 'threat*', 'stress*',
      'uncertain*', 'doubt*', 'dread', 'dreading', 'wary', 'hesitant', 'insecure', 'apprehensive',
      'fingers crossed',
    ],
  },
  surprise: {
    pl: [
      'zaskocz*', 'niespodziew*', 'niespodzian*', 'szok*', 'zdziw*', 'wow', 'o rany', 'ojej', 'nie do wiary',
      'niewiarygodn*', 'nie spodziewal*', 'zdumi*', 'oslupi*', 'nieoczekiwan*', 'niesamowi*', 'zadziwi*',
      'nagle', 'znienacka', 'lal', 'o matko', 'o boze', 'trudno uwierzyc', 'kto by pomyslal',
      'ni stad ni zowad',
    ],
    ro: [
      'surprin*', 'surpriz*', 'nu ma asteptam', 'neasteptat*', 'soc', 'socat*', 'socant*', 'uimit*', 'uluit*',
      'incredibil*', 'wow', 'vine sa cred', 'de necrezut', 'brusc', 'deodata', 'culmea', 'stupefiat*',
      'mirat*', 'mirare', 'ma mir', 'fara veste', 'pe neasteptate',
    ],
    en: [
      'surpris*', 'unexpected*', 'wow', 'shocked', 'shocking', 'shock', 'amaz*', 'astonish*', 'stunned',
      'speechless', 'unbelievabl*', "can't believe", 'cannot believe', "couldn't believe",
      'could not believe', 'out of nowhere', 'suddenly', 'sudden', 'startl*', 'jaw dropp*', 'blown away',
      'mind blowing', "didn't expect", 'did not expect', 'never expected', 'out of the blue', 'taken aback',
      'whoa', 'omg', 'who knew', 'unforeseen', 'baffl*',
    ],
  },
};

type CompiledLexicon = Record<Emotion, Record<Lang | 'any', KeywordSet>>;

const COMPILED = Object.fromEntries(
  EMOTIONS.map((e) => {
    const byLang = EMOTION_LEXICON[e];
    const sets = {
      pl: compileKeywords(byLang.pl),
      ro: compileKeywords(byLang.ro),
      en: compileKeywords(byLang.en),
      any: compileKeywords(keywordsFor(byLang, null)),
    };
    return [e, sets];
  }),
) as CompiledLexicon;

/** 0..1 per emotion, 1 - 0.5^hits; 0 when nothing in the lexicon matched. */
export function emotionLexiconScores(tokens: Token[], lang: Lang | null): Record<Emotion, number> {
  const scores = {} as Record<Emotion, number>;
  for (const e of EMOTIONS) scores[e] = hitScore(countMatches(tokens, COMPILED[e][lang ?? 'any']).count);
  return scores;
}
