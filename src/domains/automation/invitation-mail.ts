/** Survey invitation e-mails in the customer's language (pl, ro, en; English otherwise). */
const TEMPLATES = {
  pl: {
    subject: (shop: string) => `${shop}: jak nam poszło?`,
    body: (name: string | null, shop: string, link: string, unsubscribe: string) =>
      `Dzień dobry${name ? ` ${name}` : ''},\n\nczy możesz poświęcić minutę i powiedzieć nam, jak nam poszło? Twoja opinia pomoże ${shop} działać lepiej.\n\n${link}\n\nDziękujemy!\n\n—\nNie chcesz więcej ankiet? ${unsubscribe}`,
  },
  ro: {
    subject: (shop: string) => `${shop}: cum ne-am descurcat?`,
    body: (name: string | null, shop: string, link: string, unsubscribe: string) =>
      `Bună ziua${name ? `, ${name}` : ''},\n\nne acordați un minut ca să ne spuneți cum ne-am descurcat? Părerea dumneavoastră ajută ${shop} să fie mai bun.\n\n${link}\n\nVă mulțumim!\n\n—\nNu mai doriți sondaje? ${unsubscribe}`,
  },
  en: {
    subject: (shop: string) => `${shop}: how did we do?`,
    body: (name: string | null, shop: string, link: string, unsubscribe: string) =>
      `Hello${name ? ` ${name}` : ''},\n\ncould you spare a minute to tell us how we did? Your opinion helps ${shop} do better.\n\n${link}\n\nThank you!\n\n—\nNo more surveys? ${unsubscribe}`,
  },
} as const;

const REMINDER = { pl: 'Przypomnienie: ', ro: 'Reamintire: ', en: 'Reminder: ' } as const;

type MailLanguage = keyof typeof TEMPLATES;

/** The customer's language when we write it, else the workspace's, else English. */
export function mailLanguage(locale: string | null | undefined, fallback: string | null | undefined): MailLanguage {
  for (const l of [locale, fallback]) {
    const two = l?.slice(0, 2).toLowerCase();
    if (two && two in TEMPLATES) return two as MailLanguage;
  }
  return 'en';
}

export function invitationMail(
  locale: string | null,
  shop: string,
  name: string | null,
  link: string,
  unsubscribe: string,
  reminder = false,
  workspaceLanguage: string | null = null,
  /** An offer for this customer (same targeting as the thank-you page), as a postscript. */
  offer: { title: string; body: string; link: string | null } | null = null,
) {
  const lang = mailLanguage(locale, workspaceLanguage);
  const t = TEMPLATES[lang];
  let text = t.body(name, shop, link, unsubscribe);
  if (offer) {
    const ps = ['P.S. ' + offer.title, offer.body, offer.link].filter(Boolean).join('\n');
    text = text.replace('\n\n—\n', `\n\n${ps}\n\n—\n`);
  }
  return { lang, subject: `${reminder ? REMINDER[lang] : ''}${t.subject(shop)}`, text };
}

export const UNSUBSCRIBED_PAGE: Record<string, { title: string; text: string }> = {
  pl: { title: 'Wypisano', text: 'Nie będziesz już dostawać od nas zaproszeń do ankiet.' },
  ro: { title: 'Dezabonat', text: 'Nu veți mai primi invitații la sondaje de la noi.' },
  en: { title: 'Unsubscribed', text: 'You will not get survey invitations from us any more.' },
};
