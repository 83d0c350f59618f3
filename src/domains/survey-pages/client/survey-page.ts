/**
 * The survey page's script: one question at a time, display logic as on the server, and a
 * submission that survives a bad connection — the same idempotency key is kept (also across a
 * reload) until the server confirms, so a retry never stores the response twice.
 */
import { isShown, type AnswerValue } from '../../surveys/display-logic.js';
import type { QuestionDef } from '../../surveys/schema.js';

interface Config {
  surveyId: string;
  lang: string;
  source: string;
  hidden: Record<string, string>;
  token?: string;
  endpoint: string;
  questions: (Pick<QuestionDef, 'id' | 'type' | 'required' | 'showIf'> & { maxSelected?: number })[];
  text: Record<string, string>;
}

const config = JSON.parse(document.getElementById('config')!.textContent!) as Config;
const t = config.text;
const form = document.getElementById('survey') as HTMLFormElement;
const sections = [...form.querySelectorAll<HTMLElement>('section.q')];
const next = document.getElementById('next') as HTMLButtonElement;
const back = document.getElementById('back') as HTMLButtonElement;
const status = document.getElementById('status')!;
const keyName = `opinia:${config.surveyId}:key`;
const RETRY_SECONDS = [1, 2, 4, 8, 15, 30];
let current = 0;
let sending = false;

const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

function readAnswer(q: Config['questions'][number]): AnswerValue | undefined {
  if (q.type === 'text') {
    const value = (form.elements.namedItem(q.id) as HTMLTextAreaElement).value.trim();
    return value || undefined;
  }
  const checked = [...form.querySelectorAll<HTMLInputElement>(`input[name="${CSS.escape(q.id)}"]:checked`)].map((i) => i.value);
  if (q.type === 'multi_choice') return checked.length ? checked : undefined;
  if (!checked.length) return undefined;
  return q.type === 'single_choice' ? checked[0] : Number(checked[0]);
}

function answers(): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const q of config.questions) {
    const value = readAnswer(q);
    if (value !== undefined && isShown(q as QuestionDef, out)) out[q.id] = value;
  }
  return out;
}

/** Indexes of the questions shown for the answers so far. */
function visible(): number[] {
  const given = answers();
  return config.questions.map((q, i) => (isShown(q as QuestionDef, given) ? i : -1)).filter((i) => i >= 0);
}

function show(index: number, focus: boolean) {
  current = index;
  sections.forEach((s, i) => (s.hidden = i !== index));
  const order = visible();
  const position = Math.max(order.indexOf(index), 0);
  document.getElementById('progress-text')!.textContent = fill(t.progress!, { n: position + 1, total: order.length });
  (document.getElementById('bar') as HTMLElement).style.width = `${(100 * position) / order.length}%`;
  back.hidden = position === 0;
  next.textContent = position === order.length - 1 ? t.submit! : t.next!;
  if (focus) sections[index]!.querySelector<HTMLElement>('input, textarea')?.focus();
}

function setError(index: number, message: string) {
  const el = sections[index]!.querySelector<HTMLElement>('.error')!;
  el.textContent = message;
  el.hidden = !message;
}

// An answer can add or remove follow-up questions: refresh the progress and the button's label.
form.addEventListener('change', () => {
  setError(current, '');
  show(current, false);
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (sending) return;
  const q = config.questions[current]!;
  const answer = readAnswer(q);
  if (q.required && answer === undefined) return setError(current, t.required!);
  if (q.maxSelected && Array.isArray(answer) && answer.length > q.maxSelected) return setError(current, fill(t.chooseUpTo!, { n: q.maxSelected }));
  const order = visible();
  const after = order.find((i) => i > current);
  if (after === undefined) void submit(0);
  else show(after, true);
});

back.addEventListener('click', () => {
  const before = visible().filter((i) => i < current).pop();
  if (before !== undefined) show(before, true);
});

interface Offer {
  title: string;
  body: string;
  cta: string | null;
  acceptPath: string | null;
  dismissPath: string;
}

/** What the business offers after this answer: a referral, a review, a recovery gesture… */
function showOffer(offer: Offer) {
  const box = document.getElementById('offer')!;
  const title = document.createElement('h2');
  title.id = 'offer-title';
  title.textContent = offer.title;
  box.append(title);
  if (offer.body) box.append(Object.assign(document.createElement('p'), { textContent: offer.body }));
  const actions = document.createElement('p');
  if (offer.cta && offer.acceptPath) actions.append(Object.assign(document.createElement('a'), { href: offer.acceptPath, textContent: offer.cta, className: 'button primary' }), ' ');
  const no = Object.assign(document.createElement('button'), { type: 'button', textContent: t.noThanks! });
  no.addEventListener('click', () => {
    box.hidden = true;
    void fetch(offer.dismissPath, { method: 'POST' }).catch(() => undefined);
  });
  actions.append(no);
  box.append(actions);
  box.hidden = false;
}

function newKey(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function submit(attempt: number) {
  sending = true;
  next.disabled = true;
  next.textContent = t.sending!;
  let key = sessionStorage.getItem(keyName);
  if (!key) {
    key = newKey();
    sessionStorage.setItem(keyName, key);
  }
  const body = { answers: answers(), language: config.lang, source: config.source, hidden: config.hidden, finished: true, ...(config.token ? { token: config.token } : {}) };
  let res: Response | undefined;
  try {
    res = await fetch(config.endpoint, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
  } catch {
    res = undefined;
  }
  if (res && res.ok) {
    sessionStorage.removeItem(keyName);
    form.hidden = true;
    const thanks = document.getElementById('thanks')!;
    thanks.hidden = false;
    thanks.focus();
    const stored = (await res.json().catch(() => null)) as { offer?: Offer | null } | null;
    if (stored?.offer) showOffer(stored.offer);
    return;
  }
  sending = false;
  next.disabled = false;
  next.textContent = t.submit!;
  if (!res || res.status >= 500 || res.status === 429) {
    // The connection or the server failed: keep the key and try again by ourselves.
    const wait = RETRY_SECONDS[Math.min(attempt, RETRY_SECONDS.length - 1)]!;
    status.textContent = t.retrying!;
    setTimeout(() => void (sending ? undefined : submit(attempt + 1)), wait * 1000);
    return;
  }
  // The server refused this answer: a corrected one is a new response, with a new key.
  sessionStorage.removeItem(keyName);
  const reason = await res.json().then((b: { error?: { message?: string } }) => b.error?.message ?? String(res!.status)).catch(() => String(res!.status));
  status.textContent = fill(t.failed!, { reason });
}

show(visible()[0] ?? 0, false);
