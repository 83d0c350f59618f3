import type { Db } from '../../db/connect.js';
import { OfferInput } from './schema.js';
import { createOffer } from './service.js';

/** The three offers every CX team starts with: ask promoters, repair detractors, win passives over. */
export const DEMO_OFFERS = [
  {
    name: 'Poleć znajomego',
    kind: 'referral',
    content: {
      pl: { title: 'Poleć nas znajomym', body: 'Za każdego poleconego klienta dostaniesz 100 punktów.', cta: 'Poleć znajomemu' },
      ro: { title: 'Recomandă-ne prietenilor', body: 'Primești 100 de puncte pentru fiecare client recomandat.', cta: 'Recomandă' },
      en: { title: 'Tell your friends about us', body: 'You get 100 points for every customer you refer.', cta: 'Refer a friend' },
    },
    url: 'https://sklep.example/polec?kod={referral_code}',
    audience: { npsGroups: ['promoter'] },
    placements: ['thank_you', 'widget', 'email'],
    priority: 10,
  },
  {
    name: 'Przeprosiny i rabat',
    kind: 'recovery',
    content: {
      pl: { title: 'Przepraszamy', body: 'Skontaktujemy się z Tobą. Na następne zakupy: kod PRZEPRASZAMY15 (−15%).' },
      ro: { title: 'Ne pare rău', body: 'Vă vom contacta. Pentru următoarea comandă: codul SCUZE15 (−15%).' },
      en: { title: 'We are sorry', body: 'We will be in touch. For your next order: code SORRY15 (−15%).' },
    },
    url: null,
    audience: { npsGroups: ['detractor'] },
    placements: ['thank_you', 'widget'],
    priority: 20,
  },
  {
    name: 'Co by dało 10?',
    kind: 'win_over',
    content: {
      pl: { title: 'Czego zabrakło do 10?', body: 'Darmowa dostawa przy następnym zamówieniu — sprawdź, czy to zmieni zdanie.', cta: 'Odbierz darmową dostawę' },
      ro: { title: 'Ce ar face din asta un 10?', body: 'Livrare gratuită la următoarea comandă.', cta: 'Livrare gratuită' },
      en: { title: 'What would make it a 10?', body: 'Free delivery on your next order.', cta: 'Get free delivery' },
    },
    url: 'https://sklep.example/dostawa-gratis?c={customer_id}',
    audience: { npsGroups: ['passive'] },
    placements: ['thank_you'],
    priority: 5,
  },
];

export async function seedDemoOffers(db: Db, workspaceId: string): Promise<number> {
  const existing = await db.kysely.selectFrom('offers').select('id').where('workspace_id', '=', workspaceId).limit(1).execute();
  if (existing.length) return 0; // a second demo run keeps what is there
  for (const offer of DEMO_OFFERS) await createOffer(db.kysely, workspaceId, OfferInput.parse(offer));
  return DEMO_OFFERS.length;
}
