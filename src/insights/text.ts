/**
 * Text normalisation shared by every analyser: lower case, Unicode NFC, Polish and Romanian
 * diacritics folded (many customers type without them: "nie polecam", "nu recomand", "swietna
 * obsluga"), and words split on anything that is not a letter, digit or apostrophe.
 */
const FOLD: Record<string, string> = {
  ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z',
  ă: 'a', â: 'a', î: 'i', ș: 's', ş: 's', ț: 't', ţ: 't',
  é: 'e', è: 'e', ê: 'e', ë: 'e', á: 'a', à: 'a', ä: 'a', í: 'i', ï: 'i', ö: 'o', ô: 'o', ú: 'u', ü: 'u', ç: 'c',
};
const FOLDABLE = /[ąćęłńóśźżăâîșşțţéèêëáàäíïöôúüç]/g;

export function fold(text: string): string {
  return text.toLowerCase().replace(FOLDABLE, (c) => FOLD[c] ?? c);
}

export interface Token {
  /** As written (for evidence shown to people). */
  raw: string;
  /** Lower case, diacritics folded (for matching and features). */
  norm: string;
  /** Index of the clause (split at . ! ? ; and "but"-like words), for negation scope. */
  clause: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[.!?;:,]+/gu;
const CLAUSE_END = /^[.!?;]+$/;

/** Words with their clause index; punctuation only ends clauses and is not returned. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let clause = 0;
  for (const m of text.normalize('NFC').matchAll(WORD)) {
    const raw = m[0];
    if (/^[.!?;:,]+$/.test(raw)) {
      if (CLAUSE_END.test(raw) || raw === ',') clause++;
      continue;
    }
    out.push({ raw, norm: fold(raw).replace(/’/g, "'"), clause });
  }
  return out;
}
