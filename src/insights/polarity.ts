import { negationMask } from './features.js';
import type { Token } from './text.js';

/**
 * Hand-written cue words of praise and complaint in customer feedback (folded stems: a word
 * matches when it starts with the stem). They carry what the training corpora (reviews, tweets,
 * Reddit) say little about — "spóźniony kurier", "am așteptat", "still waiting for my refund" —
 * and, with negation, turn "nie jest źle" / "nu este rău" / "not bad" the right way.
 */
const POSITIVE: Record<string, string[]> = {
  pl: ['polecam', 'polecan', 'dobr', 'dobrze', 'swietn', 'super', 'rewelac', 'doskonal', 'idealn', 'znakomit', 'wspanial', 'zadowol', 'szybk', 'sprawn', 'mil', 'uprzejm', 'pomocn', 'profesjonal', 'fajn', 'ok', 'dziekuj', 'brawo', 'najlepsz', 'solidn', 'bezproblem', 'punktual', 'rzeteln', 'zachwyc', 'warto', 'lubie', 'kocham', 'piekn', 'wygodn', 'przyjemn', 'perfekc', 'terminow'],
  ro: ['recomand', 'bun', 'bine', 'excelent', 'super', 'perfect', 'minunat', 'multumit', 'multumesc', 'rapid', 'amabil', 'profesionist', 'promp', 'ok', 'frumos', 'placut', 'calitat', 'util', 'usor', 'bravo', 'cel mai bun', 'seriozitat', 'serios', 'incantat', 'fericit', 'superb', 'impecabil', 'ajutat', 'eficient'],
  en: ['recommend', 'good', 'great', 'excellent', 'amazing', 'awesome', 'perfect', 'love', 'happy', 'pleased', 'satisf', 'fast', 'quick', 'friendly', 'helpful', 'polite', 'professional', 'thank', 'best', 'smooth', 'easy', 'reliable', 'fantastic', 'wonderful', 'nice', 'brilliant', 'superb', 'efficient', 'on time', 'impressed', 'fine'],
};
const NEGATIVE: Record<string, string[]> = {
  pl: ['zl', 'zle', 'slab', 'fataln', 'tragiczn', 'beznadziej', 'okropn', 'straszn', 'rozczarow', 'niezadowol', 'spozni', 'opozni', 'uszkodz', 'zepsut', 'zniszcz', 'wadliw', 'reklamac', 'zwrot', 'czekam', 'czekal', 'czekan', 'nikt', 'brak', 'problem', 'klopot', 'niemil', 'opryskliw', 'chamsk', 'oszust', 'oszuk', 'skandal', 'porazk', 'nigdy wiecej', 'niestety', 'bubel', 'drogo', 'drogi', 'zgubi', 'zaginel', 'nie dzial', 'awari', 'bez odpowiedzi', 'ignor', 'szkoda', 'kiepsk', 'lipa', 'masakr', 'dramat'],
  ro: ['rau', 'prost', 'slab', 'groaznic', 'oribil', 'dezamag', 'nemultumit', 'intarzi', 'deteriorat', 'defect', 'stricat', 'spart', 'retur', 'reclamati', 'astept', 'asteptat', 'nimeni', 'problem', 'nepoliticos', 'nesimtit', 'teap', 'tepuit', 'inselat', 'bataie de joc', 'niciodata', 'din pacate', 'pacat', 'scump', 'pierdut', 'nu functioneaza', 'nu merge', 'fara raspuns', 'ignorat', 'jalnic', 'dezastru', 'penibil', 'lipsa'],
  en: ['bad', 'poor', 'terrible', 'awful', 'horrible', 'worst', 'disappoint', 'unhappy', 'delay', 'late', 'damaged', 'broken', 'defect', 'faulty', 'refund', 'return', 'complain', 'waiting', 'waited', 'wait', 'nobody', 'problem', 'issue', 'rude', 'scam', 'fraud', 'never again', 'unfortunately', 'expensive', 'overpriced', 'lost', 'missing', 'cancel', 'not working', 'doesn\'t work', 'ignored', 'useless', 'ridiculous', 'disgusting', 'annoy', 'frustrat', 'hours', 'still no', 'unacceptable'],
};

interface Cue {
  parts: string[];
  positive: boolean;
}
/** Cues of a language by the first letter of their first word: a token checks only a few. */
const CUES = new Map<string, Map<string, Cue[]>>();
for (const lang of Object.keys(POSITIVE)) {
  const byInitial = new Map<string, Cue[]>();
  const add = (list: string[], positive: boolean) => {
    for (const s of list) {
      const cue = { parts: s.split(' '), positive };
      byInitial.set(s[0]!, [...(byInitial.get(s[0]!) ?? []), cue]);
    }
  };
  add(POSITIVE[lang]!, true);
  add(NEGATIVE[lang] ?? [], false);
  CUES.set(lang, byInitial);
}

/** Short stems match whole words only, so "ok" does not fire on "okropny" and "zl" not on "zloty". */
function matches(word: string, stem: string): boolean {
  if (stem.length > 3) return word.startsWith(stem);
  return word === stem || (word.length === stem.length + 1 && word.startsWith(stem));
}

function hitAt(tokens: readonly Token[], i: number, cue: Cue): boolean {
  if (i + cue.parts.length > tokens.length) return false;
  return cue.parts.every((p, k) => tokens[i + k]!.clause === tokens[i]!.clause && matches(tokens[i + k]!.norm, p));
}

export interface PolarityCues {
  positive: number;
  negative: number;
}

/** Counts of praise and complaint cues; a cue in a negation's reach counts for the other side. */
export function polarityCues(tokens: readonly Token[], lang: string): PolarityCues {
  const out = { positive: 0, negative: 0 };
  const cues = CUES.get(lang);
  if (!cues) return out;
  let negated: boolean[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const candidates = cues.get(tokens[i]!.norm[0] ?? '');
    if (!candidates) continue;
    // Praise is checked first: "nie polecam" is negated praise, not a complaint about "nie".
    const hit = candidates.find((c) => c.positive && hitAt(tokens, i, c)) ?? candidates.find((c) => !c.positive && hitAt(tokens, i, c));
    if (!hit) continue;
    negated ??= negationMask(tokens);
    if (hit.positive !== negated[i]) out.positive++;
    else out.negative++;
  }
  return out;
}
