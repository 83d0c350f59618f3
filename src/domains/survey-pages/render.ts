import { readFileSync } from 'node:fs';
import type { LanguageCode, QuestionDef, Survey } from '../surveys/schema.js';
import { fill, PAGE_TEXT, type PageText } from './i18n.js';

const STYLE = readFileSync(new URL('./style.css', import.meta.url), 'utf8').replace(/\n/g, '');

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** A text in the chosen language, falling back to the survey's default language. */
function local(texts: Partial<Record<LanguageCode, string>> | undefined, lang: LanguageCode, fallback: LanguageCode): string {
  return texts?.[lang] ?? texts?.[fallback] ?? '';
}

function page(lang: LanguageCode, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** The page for a missing or closed survey: a clear sentence, not an error code. */
export function renderMessage(lang: LanguageCode, kind: 'closed' | 'invalid' | 'expired' | 'answered'): string {
  const t = PAGE_TEXT[lang];
  const [title, body] = {
    closed: [t.closedTitle, t.closedBody],
    invalid: [t.invalidTitle, t.invalidBody],
    expired: [t.expiredTitle, t.expiredBody],
    answered: [t.answeredTitle, t.answeredBody],
  }[kind];
  return page(lang, title, `<main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></main>`);
}

export interface SurveyPageOptions {
  lang: LanguageCode;
  source: string;
  hidden: Record<string, string>;
  /** Signed personal token, passed back on submission. */
  token?: string;
  endpoint: string;
  script: string;
  /** The page's own URL without `lang`, for the language links. */
  selfUrl: (lang: LanguageCode) => string;
}

/**
 * The survey as one light HTML page: every question is in the markup (native radios,
 * checkboxes and text areas in fieldsets, so keyboards and screen readers work without
 * script), and a small inline script steps through them, applies display logic and submits.
 */
export function renderSurveyPage(survey: Survey, o: SurveyPageOptions): string {
  const t = PAGE_TEXT[o.lang];
  const title = survey.name;
  const questions = survey.questions.map((q, i) => renderQuestion(q, i, o.lang, survey.defaultLanguage, t)).join('');
  const langs =
    survey.languages.length > 1
      ? `<nav class="langs" aria-label="${escapeHtml(t.language)}">${survey.languages
          .map((l) => `<a href="${escapeHtml(o.selfUrl(l))}" hreflang="${l}" lang="${l}"${l === o.lang ? ' aria-current="true"' : ''}>${l.toUpperCase()}</a>`)
          .join('')}</nav>`
      : '';
  const config = {
    surveyId: survey.id,
    lang: o.lang,
    source: o.source,
    hidden: o.hidden,
    token: o.token,
    endpoint: o.endpoint,
    questions: survey.questions.map((q) => ({
      id: q.id,
      type: q.type,
      required: q.required,
      showIf: q.showIf,
      maxSelected: q.type === 'multi_choice' ? q.maxSelected : undefined,
    })),
    text: t,
  };
  const body = `<main>${langs}<form id="survey" novalidate>
<p class="progress"><span id="progress-text" aria-live="polite">${escapeHtml(fill(t.progress, { n: 1, total: survey.questions.length }))}</span><span class="bar" aria-hidden="true"><span id="bar"></span></span></p>
${questions}
<div class="nav"><button type="button" class="secondary" id="back" hidden>${escapeHtml(t.back)}</button><button type="submit" class="primary" id="next">${escapeHtml(t.next)}</button></div>
<p id="status" role="status"></p>
</form>
<section id="thanks" hidden tabindex="-1"><h1>${escapeHtml(t.thanksTitle)}</h1><p>${escapeHtml(t.thanksBody)}</p><aside id="offer" class="offer" hidden aria-labelledby="offer-title"></aside></section>
</main><script type="application/json" id="config">${scriptJson(config)}</script><script>${o.script}</script>`;
  return page(o.lang, title, body);
}

function renderQuestion(q: QuestionDef, index: number, lang: LanguageCode, fallback: LanguageCode, t: PageText): string {
  const id = `q-${index}`;
  const title = local(q.title, lang, fallback) + (q.required ? '' : ` ${t.optional}`);
  const desc = q.description ? `<p class="desc" id="${id}-desc">${escapeHtml(local(q.description, lang, fallback))}</p>` : '';
  const describedBy = `${q.description ? `${id}-desc ` : ''}${id}-error`;
  let control = '';
  if (q.type === 'nps' || q.type === 'csat' || q.type === 'ces' || q.type === 'rating') {
    const [min, max] = q.type === 'nps' ? [0, 10] : q.type === 'csat' ? [1, 5] : q.type === 'ces' ? [1, 7] : [q.min, q.max];
    const [lowDefault, highDefault] = q.type === 'nps' ? [t.npsLow, t.npsHigh] : q.type === 'ces' ? [t.cesLow, t.cesHigh] : [t.scaleLow, t.scaleHigh];
    const low = local(q.lowLabel, lang, fallback) || lowDefault;
    const high = local(q.highLabel, lang, fallback) || highDefault;
    const options: string[] = [];
    for (let v = min; v <= max; v++) {
      const aria = v === min ? ` aria-label="${v} – ${escapeHtml(low)}"` : v === max ? ` aria-label="${v} – ${escapeHtml(high)}"` : '';
      options.push(`<label><input type="radio" name="${q.id}" value="${v}"${aria}><span>${v}</span></label>`);
    }
    control = `<div class="scale">${options.join('')}</div><div class="ends" aria-hidden="true"><span>${escapeHtml(low)}</span><span>${escapeHtml(high)}</span></div>`;
  } else if (q.type === 'single_choice' || q.type === 'multi_choice') {
    const input = q.type === 'single_choice' ? 'radio' : 'checkbox';
    const hint = q.type === 'multi_choice' && q.maxSelected ? `<p class="desc">${escapeHtml(fill(t.chooseUpTo, { n: q.maxSelected }))}</p>` : '';
    control = `${hint}<div class="choice">${q.choices
      .map((c) => `<label><input type="${input}" name="${q.id}" value="${escapeHtml(c.id)}"><span>${escapeHtml(local(c.label, lang, fallback))}</span></label>`)
      .join('')}</div>`;
  } else {
    control = `<textarea name="${q.id}" maxlength="${q.maxLength}" aria-labelledby="${id}-legend" aria-describedby="${describedBy}"></textarea>`;
  }
  return `<section class="q" data-q="${escapeHtml(q.id)}" hidden><fieldset aria-describedby="${describedBy}"><legend id="${id}-legend">${escapeHtml(title)}</legend>${desc}${control}<p class="error" id="${id}-error" role="alert" hidden></p></fieldset></section>`;
}
