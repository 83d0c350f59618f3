import type { LanguageCode } from '../surveys/schema.js';
import { CARD_TEXT } from './card-page-text.js';
import { formatCardNumber } from './card-number.js';
import type { Entry } from './ledger.js';
import type { Reward } from './rewards.js';
import type { LocalText } from './settings.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));
const local = (t: LocalText | null | undefined, lang: LanguageCode) => (t ? (t[lang] ?? t.en) : '');

// Phone first, high contrast (axe-checked), no external requests.
const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#f4f4f6}
main{max-width:28rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.5rem 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.card{background:#1f3a5f;color:#fff;border-radius:1rem;padding:1.25rem}.card p{margin:.25rem 0}.big{font-size:2.4rem;font-weight:700}
.codes{background:#fff;border-radius:.75rem;padding:1rem;margin-top:1rem;text-align:center}.codes img{max-width:100%;height:auto}
.bar{height:.6rem;background:#d9dde3;border-radius:.3rem;overflow:hidden}.bar span{display:block;height:100%;background:#2e7d32}
ul{list-style:none;padding:0;margin:0}li{display:flex;justify-content:space-between;gap:1rem;padding:.5rem 0;border-bottom:1px solid #d9dde3}
.plus{color:#1b5e20;font-weight:600}.minus{color:#8e1b1b;font-weight:600}small{color:#4a4a4a}`;

export function renderCardPage(lang: LanguageCode, view: {
  customerName: string | null;
  cardNumber: string;
  balance: number;
  tierName: LocalText | null;
  tierSince: Date;
  benefits: LocalText | null;
  nextTier: { name: LocalText; missing: number; threshold: number } | null;
  windowPoints: number;
  referralCode: string | null;
  rewards: Reward[];
  history: Entry[];
  barcodeUrl: string;
  qrUrl: string;
}): string {
  const t = CARD_TEXT[lang];
  const date = (d: Date) => d.toLocaleDateString(lang, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const num = (n: number) => n.toLocaleString(lang);
  const progress = view.nextTier
    ? `<p>${esc(fill(t.toNext, { missing: num(view.nextTier.missing), tier: local(view.nextTier.name, lang) }))}</p>
       <div class="bar" role="progressbar" aria-label="${esc(local(view.nextTier.name, lang))}" aria-valuemin="0" aria-valuemax="${view.nextTier.threshold}" aria-valuenow="${view.windowPoints}"><span style="width:${Math.min(100, Math.round((100 * view.windowPoints) / Math.max(1, view.nextTier.threshold)))}%"></span></div>`
    : view.tierName
      ? `<p>${esc(t.topTier)}</p>`
      : '';
  const rewards = view.rewards.length
    ? `<ul>${view.rewards.map((r) => `<li><span>${esc(local(r.name, lang))}</span><span>${esc(fill(t.points, { n: num(r.cost) }))}</span></li>`).join('')}</ul>`
    : `<p>${esc(t.noRewards)}</p>`;
  const history = view.history.length
    ? `<ul>${view.history
        .map((e) => `<li><span>${esc(t[`kind_${e.kind}`])}${e.kind === 'earn' || e.kind === 'expire' ? '' : ` <small>${esc(e.reason)}</small>`}<br><small>${date(e.createdAt)}</small></span><span class="${e.points > 0 ? 'plus' : 'minus'}">${e.points > 0 ? '+' : '−'}${num(Math.abs(e.points))}</span></li>`)
        .join('')}</ul>`
    : `<p>${esc(t.noHistory)}</p>`;
  const body = `<main>
<h1>${esc(t.title)}${view.customerName ? ` — ${esc(view.customerName)}` : ''}</h1>
<section class="card" aria-label="${esc(t.title)}">
<p>${esc(t.balance)}</p><p class="big">${num(view.balance)}</p>
<p>${esc(t.tier)}: <strong>${esc(local(view.tierName, lang) || t.noTier)}</strong>${view.tierName ? ` <small style="color:#e6e9ef">(${esc(t.since)} ${date(view.tierSince)})</small>` : ''}</p>
<p>${esc(t.cardNumber)}: <strong>${formatCardNumber(view.cardNumber)}</strong></p>
</section>
<div class="codes"><img src="${esc(view.barcodeUrl)}" alt="${esc(fill(t.barcode, { n: view.cardNumber }))}" width="320"><img src="${esc(view.qrUrl)}" alt="${esc(fill(t.qr, { n: view.cardNumber }))}" width="160" height="160"></div>
${progress}
${view.benefits ? `<h2>${esc(t.benefits)}</h2><p>${esc(local(view.benefits, lang))}</p>` : ''}
<h2>${esc(t.rewards)}</h2>${rewards}
${view.referralCode ? `<p>${esc(fill(t.referral, { code: view.referralCode }))}</p>` : ''}
<h2>${esc(t.history)}</h2>${history}
</main>`;
  return doc(lang, t.title, body);
}

export function renderCardMessage(lang: LanguageCode, kind: 'invalid' | 'expired'): string {
  const t = CARD_TEXT[lang];
  const [title, text] = kind === 'expired' ? [t.expiredTitle, t.expiredBody] : [t.invalidTitle, t.invalidBody];
  return doc(lang, title, `<main><h1>${esc(title)}</h1><p>${esc(text)}</p></main>`);
}

function doc(lang: LanguageCode, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}
