import type { Random } from './random.js';

export type Locale = 'pl' | 'ro' | 'en';
export type Gender = 'f' | 'm';

// Polish surnames ending in -ski/-cki/-dzki take -ska/-cka/-dzka for women; the rest do not change.
const PL_LAST = ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Mazur', 'Krawczyk', 'Jankowski', 'Wojciechowski', 'Grabowski', 'Pawlak', 'Michalski', 'Król', 'Zawadzki', 'Wysocki'];

const NAMES: Record<Locale, { f: string[]; m: string[]; last: string[]; cities: [string, number][] }> = {
  pl: {
    f: ['Anna', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Zofia', 'Magdalena', 'Joanna', 'Aleksandra', 'Natalia', 'Ewa', 'Karolina', 'Julia'],
    m: ['Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Michał', 'Łukasz', 'Jakub', 'Grzegorz', 'Marcin', 'Bartosz', 'Wojciech', 'Mateusz'],
    last: PL_LAST,
    cities: [['Warszawa', 26], ['Kraków', 18], ['Wrocław', 14], ['Gdańsk', 10], ['Poznań', 10], ['Łódź', 9], ['Katowice', 7], ['Lublin', 6]],
  },
  ro: {
    f: ['Andreea', 'Elena', 'Ioana', 'Maria', 'Alexandra', 'Cristina', 'Oana', 'Mihaela', 'Roxana', 'Ana-Maria', 'Bianca'],
    m: ['Mihai', 'Andrei', 'Alexandru', 'Ștefan', 'Ionuț', 'Bogdan', 'Răzvan', 'Vlad', 'Cătălin', 'Adrian', 'Florin'],
    last: ['Popescu', 'Ionescu', 'Popa', 'Dumitru', 'Stan', 'Stoica', 'Gheorghe', 'Rusu', 'Munteanu', 'Matei', 'Constantin', 'Șerban', 'Lungu', 'Florea', 'Dumitrescu', 'Neagu', 'Ciobanu', 'Moldovan'],
    cities: [['București', 34], ['Cluj-Napoca', 18], ['Iași', 13], ['Timișoara', 13], ['Brașov', 9], ['Constanța', 7], ['Sibiu', 6]],
  },
  en: {
    f: ['Emma', 'Olivia', 'Sophie', 'Grace', 'Lucy', 'Charlotte', 'Amelia'],
    m: ['James', 'Oliver', 'Jack', 'Harry', 'Thomas', 'George', 'Daniel'],
    last: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans', 'Walker', 'Murphy', 'O\'Brien'],
    cities: [['London', 40], ['Manchester', 15], ['Dublin', 15], ['Berlin', 10], ['Vienna', 5], ['Warszawa', 8], ['București', 7]],
  },
};

export const JOURNEY_STAGES = [['onboarding', 12], ['purchase', 18], ['usage', 38], ['service', 16], ['renewal', 8], ['advocacy', 8]] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number][0];

export interface DemoCustomer {
  external_id: string;
  name: string;
  email: string;
  phone: string;
  locale: Locale;
  /** For grammatical gender in comments; not stored. */
  gender: Gender;
  attributes: { plan: string; city: string; country: string; segment: string; lifetimeValue: number; stage: JourneyStage };
}

const ASCII: Record<string, string> = { ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z', ă: 'a', â: 'a', î: 'i', ș: 's', ț: 't' };
const mailPart = (s: string) => s.toLowerCase().replace(/[^a-z-]/g, (c) => ASCII[c] ?? '');

function surname(last: string, locale: Locale, gender: Gender): string {
  if (locale !== 'pl' || gender === 'm') return last;
  return last.replace(/(sk|ck|dzk)i$/, '$1a');
}

/** A number shaped like a mobile one in the customer's country (+48 9 digits, +40 7…, +44 7…). */
function mobileNumber(rng: Random, locale: Locale): string {
  const digits = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
  if (locale === 'pl') return `+48${rng.pick(['50', '51', '53', '57', '60', '66', '69', '72', '78', '79', '88'])}${digits(7)}`;
  if (locale === 'ro') return `+407${rng.pick(['2', '3', '4', '5', '6', '7'])}${digits(7)}`;
  return `+447${rng.pick(['4', '5', '7', '8', '9'])}${digits(8)}`;
}

export function makeCustomer(rng: Random, index: number): DemoCustomer {
  const locale = rng.weighted<Locale>([['pl', 50], ['ro', 35], ['en', 15]]);
  const names = NAMES[locale];
  const gender: Gender = rng.chance(0.55) ? 'f' : 'm';
  const first = rng.pick(names[gender]);
  const last = surname(rng.pick(names.last), locale, gender);
  const plan = rng.weighted([['basic', 60], ['plus', 28], ['premium', 12]] as const);
  const base = { basic: 300, plus: 1200, premium: 4000 }[plan];
  const domain = { pl: 'example.pl', ro: 'example.ro', en: 'example.com' }[locale];
  const city = rng.weighted(names.cities);
  const local = rng.chance(0.6) ? `${mailPart(first)}.${mailPart(last)}` : `${mailPart(first)[0]}${mailPart(last)}`;
  return {
    // The index, not the generator, fixes the id, so the same customers are found again on a re-run.
    external_id: `C-${String(index + 1).padStart(6, '0')}`,
    name: `${first} ${last}`,
    email: `${local}${index + 1}@${domain}`,
    phone: mobileNumber(rng, locale),
    locale,
    gender,
    attributes: {
      plan,
      city,
      country: { Warszawa: 'PL', București: 'RO', London: 'GB', Manchester: 'GB', Dublin: 'IE', Berlin: 'DE', Vienna: 'AT' }[city] ?? locale.toUpperCase(),
      segment: rng.weighted([['new', 25], ['regular', 50], ['vip', 10], ['lapsed', 15]] as const),
      lifetimeValue: Math.round(base * (0.4 + rng.next() * 1.6)),
      stage: rng.weighted(JOURNEY_STAGES),
    },
  };
}
