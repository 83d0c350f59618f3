import { STAGES } from '../domains/surveys/schema.js';
import type { Random } from './random.js';

const NAMES = {
  pl: {
    first: ['Anna', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Zofia', 'Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Michał', 'Łukasz', 'Jakub', 'Magdalena', 'Joanna', 'Grzegorz'],
    last: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Mazur', 'Krawczyk'],
    cities: ['Kraków', 'Warszawa', 'Gdańsk', 'Wrocław', 'Poznań', 'Łódź', 'Katowice', 'Lublin'],
  },
  ro: {
    first: ['Andreea', 'Elena', 'Ioana', 'Maria', 'Alexandra', 'Mihai', 'Andrei', 'Alexandru', 'Ștefan', 'Ionuț', 'Cristina', 'Bogdan', 'Răzvan', 'Oana'],
    last: ['Popescu', 'Ionescu', 'Popa', 'Dumitru', 'Stan', 'Stoica', 'Gheorghe', 'Rusu', 'Munteanu', 'Matei', 'Constantin', 'Șerban', 'Lungu'],
    cities: ['București', 'Cluj-Napoca', 'Iași', 'Timișoara', 'Brașov', 'Constanța', 'Sibiu'],
  },
  en: {
    first: ['Emma', 'Olivia', 'Sophie', 'James', 'Oliver', 'Jack', 'Harry', 'Grace', 'Thomas', 'Lucy'],
    last: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans', 'Walker'],
    cities: ['London', 'Manchester', 'Dublin', 'Berlin', 'Vienna'],
  },
} as const;

export interface DemoCustomer {
  external_id: string;
  name: string;
  email: string;
  phone: string;
  locale: 'pl' | 'ro' | 'en';
  attributes: { plan: string; city: string; segment: string; lifetimeValue: number; stage: string; country: string };
}

const ASCII: Record<string, string> = { ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z', ă: 'a', â: 'a', î: 'i', ș: 's', ț: 't' };
const asciiLower = (s: string) => s.toLowerCase().replace(/[^\x00-\x7f]/g, (c) => ASCII[c] ?? '');

export function makeCustomer(rng: Random, index: number): DemoCustomer {
  const locale = rng.weighted([['pl', 50], ['ro', 35], ['en', 15]] as const);
  const names = NAMES[locale];
  const first = rng.pick(names.first);
  const last = rng.pick(names.last);
  const plan = rng.weighted([['basic', 60], ['plus', 28], ['premium', 12]] as const);
  const base = { basic: 300, plus: 1200, premium: 4000 }[plan];
  const domain = { pl: 'example.pl', ro: 'example.ro', en: 'example.com' }[locale];
  return {
    external_id: `C-${String(index + 1).padStart(6, '0')}`,
    name: `${first} ${last}`,
    email: `${asciiLower(first)}.${asciiLower(last)}${index}@${domain}`,
    phone: { pl: '+48 ', ro: '+40 ', en: '+44 ' }[locale] + String(500_000_000 + rng.int(0, 99_999_999)),
    locale,
    attributes: {
      plan,
      city: rng.pick(names.cities),
      segment: rng.weighted([['new', 25], ['regular', 50], ['vip', 10], ['lapsed', 15]] as const),
      lifetimeValue: Math.round(base * (0.4 + rng.next() * 1.6)),
      stage: rng.weighted(STAGES.map((s, i) => [s, [6, 8, 12, 10, 30, 14, 12, 8][i]!] as const)),
      country: { pl: 'PL', ro: 'RO', en: rng.pick(['GB', 'IE', 'DE']) }[locale],
    },
  };
}
