import type { SurveyCreateInput } from '../domains/surveys/schema.js';

const npsTitle = {
  pl: 'Jak prawdopodobne jest, że polecisz nas znajomemu?',
  ro: 'Cât de probabil este să ne recomanzi unui prieten?',
  en: 'How likely are you to recommend us to a friend?',
};
const scaleLabels = {
  lowLabel: { pl: 'Zdecydowanie nie', ro: 'Deloc probabil', en: 'Not at all likely' },
  highLabel: { pl: 'Zdecydowanie tak', ro: 'Extrem de probabil', en: 'Extremely likely' },
};
const detractorFollowUp = {
  id: 'disappointed',
  type: 'text' as const,
  required: false,
  title: { pl: 'Co Cię rozczarowało?', ro: 'Ce te-a dezamăgit?', en: 'What disappointed you?' },
  showIf: { match: 'all' as const, conditions: [{ questionId: 'nps', operator: 'lte' as const, value: 6 }] },
};
const passiveFollowUp = {
  id: 'improve',
  type: 'text' as const,
  required: false,
  title: { pl: 'Co moglibyśmy zrobić lepiej?', ro: 'Ce am putea face mai bine?', en: 'What could we do better?' },
  showIf: { match: 'all' as const, conditions: [{ questionId: 'nps', operator: 'in' as const, value: [7, 8] }] },
};
const promoterFollowUp = {
  id: 'liked',
  type: 'text' as const,
  required: false,
  title: { pl: 'Co podobało Ci się najbardziej?', ro: 'Ce ți-a plăcut cel mai mult?', en: 'What did you like most?' },
  showIf: { match: 'all' as const, conditions: [{ questionId: 'nps', operator: 'gte' as const, value: 9 }] },
};

export type DemoSurveyKey = 'purchase' | 'support' | 'returns' | 'onboarding' | 'relationship';

/** The demo workspace's surveys: one per touchpoint a shop owner cares about. */
export const DEMO_SURVEYS: Record<DemoSurveyKey, SurveyCreateInput> = {
  purchase: {
    name: 'NPS po zakupie',
    status: 'active',
    defaultLanguage: 'pl',
    languages: ['pl', 'ro', 'en'],
    stage: 'purchase',
    channel: 'web',
    hiddenFields: ['order_id'],
    questions: [
      { id: 'nps', type: 'nps', title: npsTitle, ...scaleLabels },
      detractorFollowUp,
      passiveFollowUp,
      promoterFollowUp,
      {
        id: 'category',
        type: 'single_choice',
        required: false,
        title: { pl: 'Co kupiłeś/kupiłaś?', ro: 'Ce ai cumpărat?', en: 'What did you buy?' },
        choices: [
          { id: 'shoes', label: { pl: 'Obuwie', ro: 'Încălțăminte', en: 'Shoes' } },
          { id: 'clothes', label: { pl: 'Odzież', ro: 'Îmbrăcăminte', en: 'Clothes' } },
          { id: 'accessories', label: { pl: 'Akcesoria', ro: 'Accesorii', en: 'Accessories' } },
        ],
      },
      {
        id: 'delivery_csat',
        type: 'csat',
        required: false,
        title: { pl: 'Jak oceniasz dostawę?', ro: 'Cum evaluezi livrarea?', en: 'How satisfied are you with the delivery?' },
      },
    ],
  },
  support: {
    name: 'Satysfakcja z obsługi klienta',
    status: 'active',
    defaultLanguage: 'pl',
    languages: ['pl', 'ro', 'en'],
    stage: 'service',
    channel: 'chat',
    questions: [
      {
        id: 'csat',
        type: 'csat',
        title: { pl: 'Jak oceniasz pomoc, którą otrzymałeś?', ro: 'Cât de mulțumit ești de ajutorul primit?', en: 'How satisfied are you with the help you received?' },
      },
      {
        id: 'resolved',
        type: 'single_choice',
        title: { pl: 'Czy sprawa została rozwiązana?', ro: 'Problema a fost rezolvată?', en: 'Was your issue resolved?' },
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
    name: 'Łatwość zwrotu (CES)',
    status: 'active',
    defaultLanguage: 'pl',
    languages: ['pl', 'ro', 'en'],
    stage: 'service',
    channel: 'email',
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
        title: { pl: 'Co było trudne?', ro: 'Ce a fost dificil?', en: 'What was hard?' },
        choices: [
          { id: 'form', label: { pl: 'Formularz', ro: 'Formularul', en: 'The form' } },
          { id: 'label', label: { pl: 'Etykieta nadawcza', ro: 'Eticheta de expediere', en: 'The shipping label' } },
          { id: 'refund', label: { pl: 'Czas zwrotu pieniędzy', ro: 'Timpul de rambursare', en: 'Refund time' } },
        ],
      },
      { id: 'comment', type: 'text', required: false, title: { pl: 'Komentarz', ro: 'Comentariu', en: 'Comment' } },
    ],
  },
  onboarding: {
    name: 'Pierwsze kroki w aplikacji',
    status: 'active',
    defaultLanguage: 'pl',
    languages: ['pl', 'ro', 'en'],
    stage: 'onboarding',
    channel: 'app',
    questions: [
      {
        id: 'rating',
        type: 'rating',
        min: 1,
        max: 5,
        title: { pl: 'Jak oceniasz pierwsze dni z aplikacją?', ro: 'Cum evaluezi primele zile cu aplicația?', en: 'How were your first days with the app?' },
      },
      { id: 'comment', type: 'text', required: false, title: { pl: 'Co możemy poprawić?', ro: 'Ce putem îmbunătăți?', en: 'What can we improve?' } },
    ],
  },
  relationship: {
    name: 'NPS relacyjny (co kwartał)',
    status: 'active',
    defaultLanguage: 'pl',
    languages: ['pl', 'ro', 'en'],
    stage: 'usage',
    channel: 'email',
    questions: [{ id: 'nps', type: 'nps', title: npsTitle, ...scaleLabels }, detractorFollowUp, passiveFollowUp, promoterFollowUp],
  },
};
