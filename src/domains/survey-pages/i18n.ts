import { LANGUAGES, type LanguageCode } from '../surveys/schema.js';

/** The words of the survey page itself (the survey's own texts come from its definition). */
export const PAGE_TEXT = {
  pl: {
    next: 'Dalej',
    back: 'Wstecz',
    submit: 'Wyślij',
    sending: 'Wysyłanie…',
    progress: 'Pytanie {n} z {total}',
    required: 'To pytanie jest wymagane.',
    optional: '(opcjonalne)',
    thanksTitle: 'Dziękujemy!',
    thanksBody: 'Twoja odpowiedź została zapisana. Dzięki niej możemy działać lepiej.',
    noThanks: 'Nie, dziękuję',
    retrying: 'Brak połączenia. Spróbujemy ponownie za chwilę — Twoje odpowiedzi nie zginą.',
    retry: 'Spróbuj ponownie',
    failed: 'Nie udało się wysłać odpowiedzi: {reason}',
    closedTitle: 'Ankieta jest zamknięta',
    closedBody: 'Ta ankieta nie przyjmuje już odpowiedzi. Dziękujemy za chęć udziału.',
    invalidTitle: 'Nieprawidłowy link',
    invalidBody: 'Nie znaleźliśmy tej ankiety. Sprawdź, czy link jest kompletny.',
    expiredTitle: 'Link wygasł',
    expiredBody: 'Ten link do ankiety jest już nieaktualny. Dziękujemy za chęć udziału.',
    answeredTitle: 'Już odpowiedziałeś',
    answeredBody: 'Mamy już Twoją odpowiedź na tę ankietę. Dziękujemy!',
    npsLow: 'Zdecydowanie nie',
    npsHigh: 'Zdecydowanie tak',
    scaleLow: 'Bardzo źle',
    scaleHigh: 'Bardzo dobrze',
    cesLow: 'Zdecydowanie się nie zgadzam',
    cesHigh: 'Zdecydowanie się zgadzam',
    chooseUpTo: 'Wybierz maksymalnie {n}.',
    language: 'Język',
  },
  ro: {
    next: 'Înainte',
    back: 'Înapoi',
    submit: 'Trimite',
    sending: 'Se trimite…',
    progress: 'Întrebarea {n} din {total}',
    required: 'Această întrebare este obligatorie.',
    optional: '(opțional)',
    thanksTitle: 'Mulțumim!',
    thanksBody: 'Răspunsul tău a fost înregistrat. Ne ajută să ne îmbunătățim.',
    noThanks: 'Nu, mulțumesc',
    retrying: 'Fără conexiune. Reîncercăm imediat — răspunsurile tale nu se pierd.',
    retry: 'Încearcă din nou',
    failed: 'Răspunsul nu a putut fi trimis: {reason}',
    closedTitle: 'Sondajul este închis',
    closedBody: 'Acest sondaj nu mai primește răspunsuri. Îți mulțumim pentru interes.',
    invalidTitle: 'Link invalid',
    invalidBody: 'Nu am găsit acest sondaj. Verifică dacă linkul este complet.',
    expiredTitle: 'Linkul a expirat',
    expiredBody: 'Acest link către sondaj nu mai este valabil. Îți mulțumim pentru interes.',
    answeredTitle: 'Ai răspuns deja',
    answeredBody: 'Avem deja răspunsul tău la acest sondaj. Mulțumim!',
    npsLow: 'Deloc probabil',
    npsHigh: 'Extrem de probabil',
    scaleLow: 'Foarte nemulțumit',
    scaleHigh: 'Foarte mulțumit',
    cesLow: 'Dezacord total',
    cesHigh: 'Acord total',
    chooseUpTo: 'Alege cel mult {n}.',
    language: 'Limba',
  },
  en: {
    next: 'Next',
    back: 'Back',
    submit: 'Send',
    sending: 'Sending…',
    progress: 'Question {n} of {total}',
    required: 'This question needs an answer.',
    optional: '(optional)',
    thanksTitle: 'Thank you!',
    thanksBody: 'Your answer has been saved. It helps us do better.',
    noThanks: 'No, thanks',
    retrying: 'No connection. We will try again in a moment — your answers are safe.',
    retry: 'Try again',
    failed: 'Your answer could not be sent: {reason}',
    closedTitle: 'This survey is closed',
    closedBody: 'This survey no longer takes answers. Thank you for your interest.',
    invalidTitle: 'This link is not valid',
    invalidBody: 'We could not find this survey. Please check that the link is complete.',
    expiredTitle: 'This link has expired',
    expiredBody: 'This survey link is no longer valid. Thank you for your interest.',
    answeredTitle: 'You have already answered',
    answeredBody: 'We already have your answer to this survey. Thank you!',
    npsLow: 'Not at all likely',
    npsHigh: 'Extremely likely',
    scaleLow: 'Very dissatisfied',
    scaleHigh: 'Very satisfied',
    cesLow: 'Strongly disagree',
    cesHigh: 'Strongly agree',
    chooseUpTo: 'Choose up to {n}.',
    language: 'Language',
  },
} satisfies Record<LanguageCode, Record<string, string>>;

export type PageText = (typeof PAGE_TEXT)['en'];

/**
 * The language to show: `?lang=`, then the customer's locale, then the browser's
 * Accept-Language (by quality), then the survey's default — only languages the survey has.
 */
export function chooseLanguage(
  offered: readonly LanguageCode[],
  fallback: LanguageCode,
  hints: { query?: string; customerLocale?: string; acceptLanguage?: string },
): LanguageCode {
  const fits = (tag: string | undefined): LanguageCode | undefined => {
    const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
    return offered.find((l) => l === base);
  };
  const fromQuery = fits(hints.query);
  if (fromQuery) return fromQuery;
  const fromCustomer = fits(hints.customerLocale);
  if (fromCustomer) return fromCustomer;
  const accepted = (hints.acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag ?? '', q: q === undefined ? 1 : Number(q) };
    })
    .filter((a) => a.tag && a.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const a of accepted) {
    const lang = fits(a.tag);
    if (lang) return lang;
  }
  return fallback;
}

export function isLanguage(value: string | undefined): value is LanguageCode {
  return (LANGUAGES as readonly string[]).includes(value ?? '');
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}
