import type { SurveyCreateInput } from '../domains/surveys/schema.js';

const npsTitle = {
  pl: 'Jak prawdopodobne jest, że polecisz nas znajomemu?',
  ro: 'Cât de probabil este să ne recomanzi unui prieten?',
  en: 'How likely are you to recommend us to a friend?',
};
const npsLabels = {
  lowLabel: { pl: 'Zdecydowanie nie', ro: 'Deloc probabil', en: 'Not at all likely' },
  highLabel: { pl: 'Zdecydowanie tak', ro: 'Extrem de probabil', en: 'Extremely likely' },
};
const csatLabels = {
  lowLabel: { pl: 'Bardzo źle', ro: 'Foarte nemulțumit', en: 'Very dissatisfied' },
  highLabel: { pl: 'Bardzo dobrze', ro: 'Foarte mulțumit', en: 'Very satisfied' },
};
/** The open question after an NPS score, worded for detractors, passives and promoters. */
const npsFollowUps = [
  {
    id: 'disappointed',
    type: 'text',
    required: false,
    title: { pl: 'Co Cię rozczarowało?', ro: 'Ce te-a dezamăgit?', en: 'What disappointed you?' },
    showIf: { match: 'all', conditions: [{ questionId: 'nps', operator: 'lte', value: 6 }] },
  },
  {
    id: 'improve',
    type: 'text',
    required: false,
    title: { pl: 'Co moglibyśmy zrobić lepiej?', ro: 'Ce am putea face mai bine?', en: 'What could we do better?' },
    showIf: { match: 'all', conditions: [{ questionId: 'nps', operator: 'in', value: [7, 8] }] },
  },
  {
    id: 'liked',
    type: 'text',
    required: false,
    title: { pl: 'Co podobało Ci się najbardziej?', ro: 'Ce ți-a plăcut cel mai mult?', en: 'What did you like most?' },
    showIf: { match: 'all', conditions: [{ questionId: 'nps', operator: 'gte', value: 9 }] },
  },
] satisfies SurveyCreateInput['questions'];

const common: Pick<SurveyCreateInput, 'status' | 'defaultLanguage' | 'languages'> = {
  status: 'active',
  defaultLanguage: 'pl',
  languages: ['pl', 'ro', 'en'],
};
// Customers buy, contact support and return things again and again; onboarding happens once.
const repeatable = { settings: { allowRepeat: true } };

export type DemoSurveyKey = 'purchase' | 'support' | 'returns' | 'onboarding' | 'relationship';

/** The demo workspace's surveys: one per touchpoint a shop owner cares about. */
export const DEMO_SURVEYS: Record<DemoSurveyKey, SurveyCreateInput> = {
  purchase: {
    ...common,
    ...repeatable,
    name: 'NPS po zakupie',
    stage: 'purchase',
    channel: 'web',
    hiddenFields: ['order_id'],
    questions: [
      { id: 'nps', type: 'nps', title: npsTitle, ...npsLabels },
      ...npsFollowUps,
      {
        id: 'category',
        type: 'single_choice',
        required: false,
        title: { pl: 'Co było w Twoim zamówieniu?', ro: 'Ce ai cumpărat?', en: 'What did you buy?' },
        choices: [
          { id: 'shoes', label: { pl: 'Obuwie', ro: 'Încălțăminte', en: 'Shoes' } },
          { id: 'clothes', label: { pl: 'Odzież', ro: 'Îmbrăcăminte', en: 'Clothes' } },
          { id: 'accessories', label: { pl: 'Akcesoria', ro: 'Accesorii', en: 'Accessories' } },
        ],
      },
      {
        id: 'reasons',
        type: 'multi_choice',
        required: false,
        maxSelected: 3,
        title: { pl: 'Co zdecydowało o zakupie u nas?', ro: 'Ce te-a convins să cumperi de la noi?', en: 'What made you buy from us?' },
        choices: [
          { id: 'price', label: { pl: 'Cena', ro: 'Prețul', en: 'Price' } },
          { id: 'range', label: { pl: 'Wybór produktów', ro: 'Varietatea produselor', en: 'Product range' } },
          { id: 'delivery', label: { pl: 'Szybka dostawa', ro: 'Livrarea rapidă', en: 'Fast delivery' } },
          { id: 'reviews', label: { pl: 'Opinie innych klientów', ro: 'Recenziile altor clienți', en: 'Other customers\' reviews' } },
          { id: 'loyalty', label: { pl: 'Program lojalnościowy', ro: 'Programul de fidelitate', en: 'Loyalty programme' } },
        ],
      },
      {
        id: 'delivery_csat',
        type: 'csat',
        required: false,
        title: { pl: 'Jak oceniasz dostawę?', ro: 'Cum evaluezi livrarea?', en: 'How satisfied are you with the delivery?' },
        ...csatLabels,
      },
    ],
  },
  support: {
    ...common,
    ...repeatable,
    name: 'Satysfakcja z obsługi klienta',
    stage: 'service',
    channel: 'chat',
    questions: [
      {
        id: 'csat',
        type: 'csat',
        title: { pl: 'Jak oceniasz otrzymaną pomoc?', ro: 'Cum evaluezi ajutorul primit?', en: 'How satisfied are you with the help you received?' },
        ...csatLabels,
      },
      {
        id: 'resolved',
        type: 'single_choice',
        title: { pl: 'Czy Twoja sprawa została rozwiązana?', ro: 'Problema ta a fost rezolvată?', en: 'Was your issue resolved?' },
        choices: [
          { id: 'yes', label: { pl: 'Tak', ro: 'Da', en: 'Yes' } },
          { id: 'partly', label: { pl: 'Częściowo', ro: 'Parțial', en: 'Partly' } },
          { id: 'no', label: { pl: 'Nie', ro: 'Nu', en: 'No' } },
        ],
      },
      { id: 'comment', type: 'text', required: false, title: { pl: 'Twój komentarz', ro: 'Comentariul tău', en: 'Your comment' } },
    ],
  },
  returns: {
    ...common,
    ...repeatable,
    name: 'Łatwość zwrotu (CES)',
    stage: 'service',
    channel: 'web',
    hiddenFields: ['order_id'],
    questions: [
      {
        id: 'ces',
        type: 'ces',
        title: { pl: 'Firma ułatwiła mi zwrot towaru.', ro: 'Compania mi-a ușurat returnarea produsului.', en: 'The company made it easy to return my item.' },
        lowLabel: { pl: 'Zdecydowanie się nie zgadzam', ro: 'Dezacord total', en: 'Strongly disagree' },
        highLabel: { pl: 'Zdecydowanie się zgadzam', ro: 'Acord total', en: 'Strongly agree' },
      },
      {
        id: 'hurdles',
        type: 'multi_choice',
        required: false,
        title: { pl: 'Co sprawiło trudność?', ro: 'Ce a fost dificil?', en: 'What was difficult?' },
        choices: [
          { id: 'form', label: { pl: 'Formularz zwrotu', ro: 'Formularul de retur', en: 'The returns form' } },
          { id: 'label', label: { pl: 'Etykieta nadawcza', ro: 'Eticheta de expediere', en: 'The shipping label' } },
          { id: 'dropoff', label: { pl: 'Nadanie paczki', ro: 'Predarea coletului', en: 'Dropping off the parcel' } },
          { id: 'refund', label: { pl: 'Czas oczekiwania na zwrot pieniędzy', ro: 'Timpul de rambursare', en: 'Waiting for the refund' } },
        ],
        showIf: { match: 'all', conditions: [{ questionId: 'ces', operator: 'lte', value: 4 }] },
      },
      { id: 'comment', type: 'text', required: false, title: { pl: 'Komentarz', ro: 'Comentariu', en: 'Comment' } },
    ],
  },
  onboarding: {
    ...common,
    name: 'Pierwsze kroki w aplikacji',
    stage: 'onboarding',
    channel: 'app',
    questions: [
      {
        id: 'setup',
        type: 'csat',
        title: { pl: 'Jak oceniasz zakładanie konta?', ro: 'Cum evaluezi crearea contului?', en: 'How satisfied are you with setting up your account?' },
        ...csatLabels,
      },
      {
        id: 'first_order',
        type: 'rating',
        min: 1,
        max: 10,
        title: {
          pl: 'Jak łatwo było złożyć pierwsze zamówienie w aplikacji?',
          ro: 'Cât de ușor a fost să plasezi prima comandă în aplicație?',
          en: 'How easy was it to place your first order in the app?',
        },
        lowLabel: { pl: 'Bardzo trudno', ro: 'Foarte greu', en: 'Very hard' },
        highLabel: { pl: 'Bardzo łatwo', ro: 'Foarte ușor', en: 'Very easy' },
      },
      { id: 'comment', type: 'text', required: false, title: { pl: 'Co możemy poprawić?', ro: 'Ce putem îmbunătăți?', en: 'What can we improve?' } },
    ],
  },
  relationship: {
    ...common,
    ...repeatable,
    name: 'NPS relacyjny (co kwartał)',
    stage: 'usage',
    channel: 'email',
    questions: [{ id: 'nps', type: 'nps', title: npsTitle, ...npsLabels }, ...npsFollowUps],
  },
};
