import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/** Every word of the dashboard, in the three languages Opinia speaks. */
const resources = {
  en: {
    t: {
      appName: 'Opinia',
      login: 'Log in',
      logout: 'Log out',
      email: 'E-mail',
      password: 'Password',
      loginFailed: 'The e-mail or password is not right.',
      overview: 'Overview',
      survey: 'Survey',
      from: 'From',
      to: 'To',
      channel: 'Channel',
      stage: 'Journey stage',
      language: 'Language',
      all: 'All',
      interfaceLanguage: 'Interface language',
      workspace: 'Workspace',
      noSurveys: 'No surveys yet.',
      loading: 'Loading…',
      answers: '{{count}} answers',
      margin: '± {{value}} (95%)',
      vsPrevious: '{{value}} vs previous period',
      significant: 'significant',
      notSignificant: 'not significant',
      tooFew: 'Too few answers to show a score',
      trend: 'Trend',
      distribution: 'Distribution',
      nps: 'NPS',
      csat: 'CSAT',
      ces: 'CES',
      rating: 'Rating',
      promoters: 'Promoters',
      passives: 'Passives',
      detractors: 'Detractors',
      mean: 'mean {{value}}',
      easy: '{{value}}% find it easy',
      errorTitle: 'Something went wrong',
    },
  },
  pl: {
    t: {
      appName: 'Opinia',
      login: 'Zaloguj się',
      logout: 'Wyloguj',
      email: 'E-mail',
      password: 'Hasło',
      loginFailed: 'Nieprawidłowy e-mail lub hasło.',
      overview: 'Przegląd',
      survey: 'Ankieta',
      from: 'Od',
      to: 'Do',
      channel: 'Kanał',
      stage: 'Etap ścieżki klienta',
      language: 'Język',
      all: 'Wszystkie',
      interfaceLanguage: 'Język interfejsu',
      workspace: 'Przestrzeń',
      noSurveys: 'Nie ma jeszcze ankiet.',
      loading: 'Wczytywanie…',
      answers_one: '{{count}} odpowiedź',
      answers_few: '{{count}} odpowiedzi',
      answers_many: '{{count}} odpowiedzi',
      answers_other: '{{count}} odpowiedzi',
      margin: '± {{value}} (95%)',
      vsPrevious: '{{value}} wobec poprzedniego okresu',
      significant: 'istotna zmiana',
      notSignificant: 'zmiana nieistotna',
      tooFew: 'Za mało odpowiedzi, by pokazać wynik',
      trend: 'Trend',
      distribution: 'Rozkład odpowiedzi',
      nps: 'NPS',
      csat: 'CSAT',
      ces: 'CES',
      rating: 'Ocena',
      promoters: 'Promotorzy',
      passives: 'Neutralni',
      detractors: 'Krytycy',
      mean: 'średnia {{value}}',
      easy: '{{value}}% uważa, że było łatwo',
      errorTitle: 'Coś poszło nie tak',
    },
  },
  ro: {
    t: {
      appName: 'Opinia',
      login: 'Autentificare',
      logout: 'Ieșire',
      email: 'E-mail',
      password: 'Parolă',
      loginFailed: 'E-mailul sau parola nu sunt corecte.',
      overview: 'Privire de ansamblu',
      survey: 'Sondaj',
      from: 'De la',
      to: 'Până la',
      channel: 'Canal',
      stage: 'Etapa parcursului',
      language: 'Limba',
      all: 'Toate',
      interfaceLanguage: 'Limba interfeței',
      workspace: 'Spațiu de lucru',
      noSurveys: 'Încă nu există sondaje.',
      loading: 'Se încarcă…',
      answers_one: '{{count}} răspuns',
      answers_few: '{{count}} răspunsuri',
      answers_other: '{{count}} de răspunsuri',
      margin: '± {{value}} (95%)',
      vsPrevious: '{{value}} față de perioada anterioară',
      significant: 'semnificativ',
      notSignificant: 'nesemnificativ',
      tooFew: 'Prea puține răspunsuri pentru un scor',
      trend: 'Evoluție',
      distribution: 'Distribuția răspunsurilor',
      nps: 'NPS',
      csat: 'CSAT',
      ces: 'CES',
      rating: 'Notă',
      promoters: 'Promotori',
      passives: 'Pasivi',
      detractors: 'Detractori',
      mean: 'media {{value}}',
      easy: '{{value}}% consideră că a fost ușor',
      errorTitle: 'Ceva nu a mers bine',
    },
  },
} as const;

export type UiLanguage = keyof typeof resources;
export const UI_LANGUAGES = Object.keys(resources) as UiLanguage[];
const STORAGE_KEY = 'opinia:ui-language';

function initialLanguage(): UiLanguage {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && saved in resources) return saved as UiLanguage;
  const browser = navigator.language.slice(0, 2);
  return (UI_LANGUAGES as string[]).includes(browser) ? (browser as UiLanguage) : 'en';
}

void i18next.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 't',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18next.language;

/** Switches the interface language and remembers the choice in this browser. */
export function setUiLanguage(lang: UiLanguage) {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

export default i18next;
