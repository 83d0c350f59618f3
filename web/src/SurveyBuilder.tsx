import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { navigate } from './router';
import { SurveySending, type SendingSettings } from './SurveySending';

type Lang = 'pl' | 'ro' | 'en';
const LANGS: Lang[] = ['pl', 'ro', 'en'];
const TYPES = ['nps', 'csat', 'ces', 'rating', 'single_choice', 'multi_choice', 'text'] as const;
type QType = (typeof TYPES)[number];

interface DraftQuestion {
  id: string;
  type: QType;
  required: boolean;
  title: Partial<Record<Lang, string>>;
  choices?: { id: string; label: Partial<Record<Lang, string>> }[];
  [key: string]: unknown;
}

interface SurveyDoc {
  id?: string;
  name: string;
  status: string;
  defaultLanguage: Lang;
  languages: Lang[];
  questions: DraftQuestion[];
  settings?: SendingSettings;
  [key: string]: unknown;
}

const blank: SurveyDoc = { name: '', status: 'draft', defaultLanguage: 'pl', languages: ['pl'], questions: [] };

function scaleOf(q: DraftQuestion): number[] {
  const [min, max] = q.type === 'nps' ? [0, 10] : q.type === 'ces' ? [1, 7] : q.type === 'rating' ? [Number(q.min ?? 1), Number(q.max ?? 5)] : [1, 5];
  return max >= min && max - min <= 20 ? Array.from({ length: max - min + 1 }, (_, k) => min + k) : [];
}

function nextId(type: QType, questions: DraftQuestion[]): string {
  let n = 1;
  while (questions.some((q) => q.id === `${type}${n === 1 ? '' : n}`)) n++;
  return `${type}${n === 1 ? '' : n}`;
}

/** Build a survey: questions of every type, texts per language side by side, a live preview. */
export function SurveyBuilder({ surveyId }: { surveyId?: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const loaded = useQuery({ queryKey: ['survey', surveyId], queryFn: () => api<SurveyDoc>(`/api/v1/surveys/${surveyId}`), enabled: Boolean(surveyId) });
  const [draft, setDraft] = useState<SurveyDoc | null>(null);
  const doc = draft ?? loaded.data ?? blank;
  const [error, setError] = useState('');
  const update = (change: Partial<SurveyDoc>) => setDraft({ ...doc, ...change });
  const setQuestion = (i: number, change: Partial<DraftQuestion>) =>
    update({ questions: doc.questions.map((q, j) => (j === i ? { ...q, ...change } : q)) });
  const move = (i: number, by: number) => {
    const qs = [...doc.questions];
    const [q] = qs.splice(i, 1);
    qs.splice(i + by, 0, q!);
    update({ questions: qs });
  };
  const add = (type: QType) => {
    const q: DraftQuestion = { id: nextId(type, doc.questions), type, required: type !== 'text', title: {} };
    if (type === 'single_choice' || type === 'multi_choice') q.choices = [{ id: 'a', label: {} }, { id: 'b', label: {} }];
    if (type === 'rating') Object.assign(q, { min: 1, max: 5 });
    update({ questions: [...doc.questions, q] });
  };
  const save = useMutation({
    mutationFn: (status?: string) => {
      const body = { name: doc.name, status: status ?? doc.status, defaultLanguage: doc.defaultLanguage, languages: doc.languages, questions: doc.questions, settings: { allowRepeat: false, ...doc.settings } };
      return doc.id
        ? api<SurveyDoc>(`/api/v1/surveys/${doc.id}`, { method: 'PATCH', body: JSON.stringify(body) })
        : api<SurveyDoc>('/api/v1/surveys', { method: 'POST', body: JSON.stringify(body) });
    },
    onSuccess: async (saved) => {
      setError('');
      setDraft(saved);
      await client.invalidateQueries({ queryKey: ['surveys'] });
      if (!doc.id) history.replaceState(null, '', `/app/surveys/${saved.id}`);
    },
    onError: (err: Error) => setError(err.message),
  });

  if (surveyId && loaded.isPending) return <p>{t('loading')}</p>;
  const link = doc.id ? `${window.location.origin}/s/${doc.id}` : '';
  return (
    <div className="builder">
      <div className="builder-form">
        <h1>{doc.id ? doc.name || t('survey') : t('newSurvey')}</h1>
        <label className="field">
          {t('surveyName')}
          <input value={doc.name} onChange={(e) => update({ name: e.target.value })} />
        </label>
        <fieldset className="langs-edit">
          <legend>{t('surveyLanguages')}</legend>
          {LANGS.map((l) => (
            <label key={l}>
              <input
                type="checkbox"
                checked={doc.languages.includes(l)}
                disabled={l === doc.defaultLanguage}
                onChange={(e) => update({ languages: e.target.checked ? [...doc.languages, l] : doc.languages.filter((x) => x !== l) })}
              />
              {l.toUpperCase()}
            </label>
          ))}
          <label>
            {t('defaultLanguage')}
            <select value={doc.defaultLanguage} onChange={(e) => update({ defaultLanguage: e.target.value as Lang, languages: [...new Set([...doc.languages, e.target.value as Lang])] })}>
              {LANGS.map((l) => (
                <option key={l} value={l}>
                  {l.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        {doc.questions.map((q, i) => (
          <fieldset key={i} className="question-edit">
            <legend>
              {i + 1}. {t(`type_${q.type}`)} <code>{q.id}</code>
            </legend>
            {doc.languages.map((l) => (
              <label key={l} className="field">
                {t('questionText')} ({l.toUpperCase()})
                <input value={q.title[l] ?? ''} onChange={(e) => setQuestion(i, { title: { ...q.title, [l]: e.target.value } })} />
              </label>
            ))}
            {q.type === 'rating' && (
              <div className="row">
                <label className="field">
                  {t('scaleMin')}
                  <input type="number" value={Number(q.min ?? 1)} onChange={(e) => setQuestion(i, { min: Number(e.target.value) })} />
                </label>
                <label className="field">
                  {t('scaleMax')}
                  <input type="number" value={Number(q.max ?? 5)} onChange={(e) => setQuestion(i, { max: Number(e.target.value) })} />
                </label>
              </div>
            )}
            {q.choices?.map((c, ci) => (
              <div key={ci} className="choice-edit">
                {doc.languages.map((l) => (
                  <label key={l} className="field">
                    {t('choice')} {ci + 1} ({l.toUpperCase()})
                    <input
                      value={c.label[l] ?? ''}
                      onChange={(e) => setQuestion(i, { choices: q.choices!.map((x, k) => (k === ci ? { ...x, label: { ...x.label, [l]: e.target.value } } : x)) })}
                    />
                  </label>
                ))}
              </div>
            ))}
            {q.choices && (
              <button type="button" className="link" onClick={() => setQuestion(i, { choices: [...q.choices!, { id: String.fromCharCode(97 + q.choices!.length), label: {} }] })}>
                {t('addChoice')}
              </button>
            )}
            {i > 0 && <ShowIf q={q} earlier={doc.questions.slice(0, i)} onChange={(showIf) => setQuestion(i, { showIf })} />}
            <label>
              <input type="checkbox" checked={q.required} onChange={(e) => setQuestion(i, { required: e.target.checked })} /> {t('required')}
            </label>
            <div className="row">
              <button type="button" className="link" disabled={i === 0} onClick={() => move(i, -1)}>
                {t('moveUp')}
              </button>
              <button type="button" className="link" disabled={i === doc.questions.length - 1} onClick={() => move(i, 1)}>
                {t('moveDown')}
              </button>
              <button type="button" className="link" onClick={() => update({ questions: doc.questions.filter((_, j) => j !== i) })}>
                {t('remove')}
              </button>
            </div>
          </fieldset>
        ))}
        <label className="field">
          {t('addQuestion')}
          <select value="" onChange={(e) => e.target.value && add(e.target.value as QType)}>
            <option value="">…</option>
            {TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`type_${type}`)}
              </option>
            ))}
          </select>
        </label>
        <SurveySending value={doc.settings ?? {}} onChange={(settings) => update({ settings })} />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="row">
          <button type="button" className="primary" onClick={() => save.mutate(undefined)} disabled={save.isPending}>
            {t('save')}
          </button>
          <button type="button" onClick={() => save.mutate('active')} disabled={save.isPending}>
            {t('publish')}
          </button>
          {doc.id && (
            <>
              <button type="button" onClick={() => save.mutate('paused')}>{t('pause')}</button>
              <button type="button" onClick={() => save.mutate('closed')}>{t('close')}</button>
            </>
          )}
          <span className="status-pill">{t(`status_${doc.status}`)}</span>
        </div>
        {doc.id && doc.status === 'active' && (
          <p className="share">
            {t('shareLink')}: <a href={link} data-testid="survey-link">{link}</a>{' '}
            <a href={`/api/v1/surveys/${doc.id}/qr.svg`} download>{t('qrSvg')}</a> · <a href={`/api/v1/surveys/${doc.id}/qr.png`} download>{t('qrPng')}</a>
          </p>
        )}
        <button type="button" className="link" onClick={() => navigate('/app/surveys')}>
          {t('backToSurveys')}
        </button>
      </div>
      <aside className="preview" aria-label={t('preview')}>
        <h2>{t('preview')}</h2>
        {doc.questions.map((q, i) => (
          <div key={i} className="preview-q">
            <strong>{q.title[doc.defaultLanguage] || '…'}</strong>
            {['nps', 'csat', 'ces', 'rating'].includes(q.type) && (
              <div className="preview-scale">
                {scaleOf(q).map((v) => (
                  <span key={v}>{v}</span>
                ))}
              </div>
            )}
            {q.choices?.map((c, ci) => <div key={ci}>○ {c.label[doc.defaultLanguage] || '…'}</div>)}
            {q.type === 'text' && <div className="preview-text" />}
          </div>
        ))}
      </aside>
    </div>
  );
}

export function SurveyList() {
  const { t } = useTranslation();
  const surveys = useQuery({ queryKey: ['surveys'], queryFn: () => api<{ data: SurveyDoc[] }>('/api/v1/surveys') });
  return (
    <>
      <h1>{t('surveys')}</h1>
      <button type="button" className="primary" onClick={() => navigate('/app/surveys/new')}>
        {t('newSurvey')}
      </button>
      {surveys.isPending && <p>{t('loading')}</p>}
      <ul className="survey-list">
        {surveys.data?.data.map((s) => (
          <li key={s.id}>
            <a
              href={`/app/surveys/${s.id}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/app/surveys/${s.id}`);
              }}
            >
              {s.name}
            </a>{' '}
            <span className="status-pill">{t(`status_${s.status}`)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

interface Condition {
  questionId: string;
  operator: string;
  value?: number | string | (number | string)[];
}

const SCORE_TYPES = ['nps', 'csat', 'ces', 'rating'];

/**
 * "Show only when": one condition on an earlier question — a score at most / at least / equal
 * to a value (the classic detractor and promoter follow-ups), or a choice among some options.
 */
function ShowIf({ q, earlier, onChange }: { q: DraftQuestion; earlier: DraftQuestion[]; onChange: (showIf: unknown) => void }) {
  const { t } = useTranslation();
  const current = (q.showIf as { conditions?: Condition[] } | undefined)?.conditions?.[0];
  const candidates = earlier.filter((e) => SCORE_TYPES.includes(e.type) || e.choices);
  if (!candidates.length) return null;
  const target = candidates.find((c) => c.id === current?.questionId);
  const set = (c: Condition | undefined) => onChange(c ? { match: 'all', conditions: [c] } : undefined);
  const isScore = target ? SCORE_TYPES.includes(target.type) : false;
  return (
    <div className="row">
      <label className="field">
        {t('showOnlyWhen')}
        <select
          aria-label={t('showOnlyWhen')}
          value={current?.questionId ?? ''}
          onChange={(e) => {
            const next = candidates.find((c) => c.id === e.target.value);
            if (!next) return set(undefined);
            set(SCORE_TYPES.includes(next.type) ? { questionId: next.id, operator: 'lte', value: 6 } : { questionId: next.id, operator: 'in', value: [next.choices![0]!.id] });
          }}
        >
          <option value="">{t('always')}</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.id}
            </option>
          ))}
        </select>
      </label>
      {current && isScore && (
        <>
          <label className="field">
            {t('condition')}
            <select aria-label={t('condition')} value={current.operator} onChange={(e) => set({ ...current, operator: e.target.value })}>
              <option value="lte">≤</option>
              <option value="gte">≥</option>
              <option value="eq">=</option>
            </select>
          </label>
          <label className="field">
            {t('value')}
            <input aria-label={t('value')} type="number" value={Number(current.value ?? 0)} onChange={(e) => set({ ...current, value: Number(e.target.value) })} />
          </label>
        </>
      )}
      {current && target?.choices && (
        <label className="field">
          {t('isOneOf')}
          <select
            multiple
            value={(current.value as string[]) ?? []}
            onChange={(e) => set({ ...current, operator: 'in', value: [...e.target.selectedOptions].map((o) => o.value) })}
          >
            {target.choices.map((c) => (
              <option key={c.id} value={c.id}>
                {Object.values(c.label)[0] ?? c.id}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
