/**
 * The website widget: one script tag, a command queue, a survey in a shadow root.
 *   <script src="https://HOST/widget.js" data-key="opk_…" async></script>
 *   <script>window.opinia=window.opinia||function(){(opinia.q=opinia.q||[]).push(arguments)};
 *           opinia('identify',{id:'C-1',locale:'pl'}); opinia('track','checkout_completed');</script>
 * No framework; the host page's CSS cannot reach inside, and ours cannot leak out.
 */
interface Question {
  id: string;
  type: string;
  title: Record<string, string>;
  required?: boolean;
}
interface WidgetSurvey {
  id: string;
  language: string;
  questions: Question[];
  texts: { send: string; close: string; thanks: string; low: string; high: string; no: string };
}
type Command = [string, ...unknown[]];

const script = document.currentScript as HTMLScriptElement | null;
const key = script?.dataset.key ?? '';
const base = script ? new URL(script.src).origin : '';
const OUTBOX = 'opinia:outbox';
let customer: { id?: string; locale?: string } = {};
let open = false;

const api = (path: string, init: RequestInit = {}) =>
  fetch(base + path, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

/** Answers that could not be sent wait in localStorage and go out, with their key, when we can. */
async function flush() {
  const queue: { surveyId: string; key: string; body: unknown }[] = JSON.parse(localStorage.getItem(OUTBOX) ?? '[]');
  const left: typeof queue = [];
  for (const item of queue) {
    try {
      const res = await api(`/api/v1/surveys/${item.surveyId}/responses`, { method: 'POST', body: JSON.stringify(item.body), headers: { 'idempotency-key': item.key } });
      if (res.status >= 500) left.push(item);
    } catch {
      left.push(item);
    }
  }
  localStorage.setItem(OUTBOX, JSON.stringify(left));
}

function send(surveyId: string, body: unknown) {
  const queue = JSON.parse(localStorage.getItem(OUTBOX) ?? '[]');
  queue.push({ surveyId, key: `widget:${crypto.randomUUID()}`, body });
  localStorage.setItem(OUTBOX, JSON.stringify(queue));
  void flush();
}

const STYLE = `:host{all:initial}
.box{position:fixed;right:16px;bottom:16px;z-index:2147483647;max-width:360px;background:#fff;color:#1b1d21;border:1px solid #d5d9e0;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.18);padding:16px;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h2{font-size:16px;margin:0 24px 12px 0;font-weight:600}
.scale{display:flex;flex-wrap:wrap;gap:4px;margin:0 0 6px}
.scale button{min-width:28px;height:32px;border:1px solid #b5bac3;border-radius:6px;background:#fff;color:#1b1d21;font:inherit;cursor:pointer}
.scale button[aria-pressed=true]{background:#1f4fd1;color:#fff;border-color:#1f4fd1}
.ends{display:flex;justify-content:space-between;font-size:12px;color:#555d6b;margin-bottom:10px}
textarea{display:block;width:100%;box-sizing:border-box;min-height:60px;font:inherit;border:1px solid #b5bac3;border-radius:6px;padding:6px;margin:6px 0 10px}
.send{background:#1f4fd1;color:#fff;border:0;border-radius:6px;padding:8px 14px;font:inherit;font-weight:600;cursor:pointer;text-decoration:none;display:inline-block}
.offer{border-top:1px solid #d5d9e0;margin-top:10px;padding-top:10px}.offer p{margin:0 0 10px}
.no{background:none;border:0;color:#1f4fd1;font:inherit;cursor:pointer;margin-left:8px;text-decoration:underline}
.close{position:absolute;top:8px;right:8px;border:0;background:none;font-size:20px;cursor:pointer;color:#555d6b}
button:focus-visible,textarea:focus-visible{outline:2px solid #1f4fd1;outline-offset:2px}`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function show(survey: WidgetSurvey) {
  open = true;
  const host = el('div', { 'data-opinia': 'widget' });
  const root = host.attachShadow({ mode: 'open' });
  root.append(el('style', {}, STYLE));
  const box = el('div', { class: 'box', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'opinia-q', lang: survey.language });
  const score = survey.questions.find((q) => ['nps', 'csat', 'ces'].includes(q.type));
  const comment = survey.questions.find((q) => q.type === 'text');
  const title = (q: Question) => q.title[survey.language] ?? Object.values(q.title)[0] ?? '';
  const close = el('button', { class: 'close', type: 'button', 'aria-label': survey.texts.close }, '×');
  const remove = () => {
    host.remove();
    open = false;
  };
  close.onclick = remove;
  box.append(close);
  const answers: Record<string, unknown> = {};
  if (score) {
    box.append(el('h2', { id: 'opinia-q' }, title(score)));
    const [min, max] = score.type === 'nps' ? [0, 10] : score.type === 'csat' ? [1, 5] : [1, 7];
    const scale = el('div', { class: 'scale', role: 'group', 'aria-labelledby': 'opinia-q' });
    for (let v = min; v <= max; v++) {
      const b = el('button', { type: 'button', 'aria-pressed': 'false' }, String(v));
      b.onclick = () => {
        answers[score.id] = v;
        scale.querySelectorAll('button').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
      };
      scale.append(b);
    }
    box.append(scale, el('div', { class: 'ends' }));
    (box.lastChild as HTMLElement).append(el('span', {}, survey.texts.low), el('span', {}, survey.texts.high));
  }
  let text: HTMLTextAreaElement | undefined;
  if (comment) {
    const label = el('label', { for: 'opinia-c' }, title(comment));
    text = el('textarea', { id: 'opinia-c', maxlength: '2000' });
    box.append(label, text);
  }
  const submit = el('button', { class: 'send', type: 'button' }, survey.texts.send);
  submit.onclick = () => {
    if (score && answers[score.id] === undefined) return;
    if (comment && text?.value.trim()) answers[comment.id] = text.value.trim();
    send(survey.id, { answers, customerId: customer.id, language: survey.language, source: 'widget' });
    box.replaceChildren(el('p', { role: 'status' }, survey.texts.thanks));
    const nps = score?.type === 'nps' ? answers[score.id] : undefined;
    void offerAfter(box, survey, typeof nps === 'number' ? nps : undefined).then((shown) => shown || setTimeout(remove, 4000));
  };
  box.append(submit);
  box.addEventListener('keydown', (e) => e.key === 'Escape' && remove());
  root.append(box);
  document.body.append(host);
  (root.querySelector('.scale button') as HTMLElement | null)?.focus();
}

const QUIET = 'opinia:quiet-until';

interface Offer {
  title: string;
  body: string;
  cta: string | null;
  acceptPath: string | null;
  dismissPath: string;
}

/** The business's offer after an answer (same targeting as its thank-you page); true when one is shown. */
async function offerAfter(box: HTMLElement, survey: WidgetSurvey, nps?: number): Promise<boolean> {
  const res = await api('/api/v1/widget/offer', { method: 'POST', body: JSON.stringify({ customerId: customer.id, nps, lang: survey.language }) }).catch(() => null);
  if (res?.status !== 200) return false;
  const offer = (await res.json()) as Offer;
  const part = el('div', { class: 'offer' });
  part.append(el('h2', {}, offer.title));
  if (offer.body) part.append(el('p', {}, offer.body));
  if (offer.cta && offer.acceptPath) part.append(el('a', { class: 'send', href: base + offer.acceptPath, target: '_blank', rel: 'noopener' }, offer.cta));
  const no = el('button', { type: 'button', class: 'no' }, survey.texts.no);
  no.onclick = () => {
    void fetch(base + offer.dismissPath, { method: 'POST' }).catch(() => {});
    part.remove();
  };
  part.append(no);
  box.append(part);
  return true;
}

async function track(name: unknown, properties?: unknown) {
  if (typeof name !== 'string') return;
  const props = properties && typeof properties === 'object' ? (properties as Record<string, unknown>) : {};
  const event = { name, stage: 'usage', customerId: customer.id, properties: props };
  void api('/api/v1/events', { method: 'POST', body: JSON.stringify(event) }).catch(() => {});
  // Anonymous visitors: survey fatigue is kept in their browser (the server keeps it for known customers).
  if (open || (!customer.id && Number(localStorage.getItem(QUIET)) > Date.now())) return;
  const scalars = Object.fromEntries(Object.entries(props).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v)).slice(0, 20));
  const ask = { event: name, customerId: customer.id, lang: customer.locale ?? navigator.language.slice(0, 2), properties: scalars };
  const res = await api('/api/v1/widget/survey', { method: 'POST', body: JSON.stringify(ask) }).catch(() => null);
  if (res?.status !== 200) return;
  const survey = (await res.json()) as WidgetSurvey & { fatigueDays: number };
  if (!customer.id) localStorage.setItem(QUIET, String(Date.now() + survey.fatigueDays * 86_400_000));
  show(survey);
}

function run([command, ...args]: Command) {
  if (command === 'identify') customer = { ...customer, ...(args[0] as object) };
  else if (command === 'track') void track(args[0], args[1]);
}

const queued: Command[] = ((window as unknown as { opinia?: { q?: Command[] } }).opinia?.q ?? []).map((a) => Array.from(a as ArrayLike<unknown>) as Command);
(window as unknown as { opinia: (...a: unknown[]) => void }).opinia = (...a: unknown[]) => run(a as Command);
queued.forEach(run);
window.addEventListener('online', () => void flush());
void flush();
