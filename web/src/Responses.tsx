import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SurveySummary } from './api';
import { SurveySelect } from './SurveySelect';
import { useThemeNames } from './themes';
import { useUrlState } from './url-state';
import { SegmentPicker } from './SegmentPicker';

interface ResponseRow {
  id: string;
  status: string;
  customerId: string | null;
  language: string;
  channel: string | null;
  stage: string | null;
  submittedAt: string;
  answers: Record<string, number | string | string[]>;
  analysis?: { sentiment: string; themes: string[] }[];
}

/** Responses of a survey, newest first, filtered and searched like the CSV it exports. */
export function Responses() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useUrlState();
  const [open, setOpen] = useState<string | null>(null);
  const themeName = useThemeNames();
  const themes = useQuery({ queryKey: ['themes'], queryFn: () => api<{ data: { id: string }[] }>('/api/v1/insights/themes'), staleTime: 300_000 });
  const surveys = useQuery({ queryKey: ['surveys'], queryFn: () => api<{ data: SurveySummary[] }>('/api/v1/surveys') });
  const surveyId = params.get('survey') ?? surveys.data?.data[0]?.id;
  const filter = new URLSearchParams();
  for (const k of ['q', 'channel', 'language', 'status', 'sentiment', 'theme', 'segmentId']) if (params.get(k)) filter.set(k, params.get(k)!);
  const list = useInfiniteQuery({
    queryKey: ['responses', surveyId, filter.toString()],
    enabled: Boolean(surveyId),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api<{ data: ResponseRow[]; nextCursor: string | null }>(
        `/api/v1/surveys/${surveyId}/responses?limit=50&${filter.toString()}${pageParam ? `&cursor=${pageParam}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const text = (r: ResponseRow) => Object.values(r.answers).filter((v) => typeof v === 'string' && v.length > 12).join(' · ');
  const score = (r: ResponseRow) => Object.entries(r.answers).find(([, v]) => typeof v === 'number');
  return (
    <>
      <h1>{t('responses')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <SurveySelect surveys={surveys.data?.data ?? []} value={surveyId} onChange={(id) => setParams({ survey: id })} />
        <label>
          {t('search')}
          <input type="search" defaultValue={params.get('q') ?? ''} onChange={(e) => setParams({ q: e.target.value.trim() || undefined })} />
        </label>
        <label>
          {t('language')}
          <select value={params.get('language') ?? ''} onChange={(e) => setParams({ language: e.target.value || undefined })}>
            <option value="">{t('all')}</option>
            {['pl', 'ro', 'en'].map((l) => (
              <option key={l} value={l}>
                {l.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('sentiment')}
          <select value={params.get('sentiment') ?? ''} onChange={(e) => setParams({ sentiment: e.target.value || undefined })}>
            <option value="">{t('all')}</option>
            {['positive', 'neutral', 'negative'].map((s) => (
              <option key={s} value={s}>
                {t(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('theme')}
          <select value={params.get('theme') ?? ''} onChange={(e) => setParams({ theme: e.target.value || undefined })}>
            <option value="">{t('all')}</option>
            {(themes.data?.data ?? []).map((th) => (
              <option key={th.id} value={th.id}>
                {themeName(th.id)}
              </option>
            ))}
          </select>
        </label>
        <SegmentPicker value={params.get('segmentId') ?? ''} onChange={(id) => setParams({ segmentId: id })} />
        {surveyId && (
          <a className="button-link" href={`/api/v1/surveys/${surveyId}/responses.csv?${filter.toString()}`} download>
            {t('exportCsv')}
          </a>
        )}
      </form>
      <table className="table">
        <thead>
          <tr>
            <th>{t('submitted')}</th>
            <th>{t('score')}</th>
            <th>{t('comment')}</th>
            <th>{t('language')}</th>
            <th>{t('channel')}</th>
            <th>{t('customer')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} onClick={() => setOpen(open === r.id ? null : r.id)} className={open === r.id ? 'open' : undefined}>
              <td>{when.format(new Date(r.submittedAt))}</td>
              <td>{score(r)?.[1] ?? '—'}</td>
              <td>
                {r.analysis?.map((a, i) => (
                  <span key={i} className={`badge ${a.sentiment}`}>
                    {t(a.sentiment)}
                  </span>
                ))}
                {text(r) || '—'}
                {r.analysis?.some((a) => a.themes.length) && <small className="muted"> · {[...new Set(r.analysis.flatMap((a) => a.themes))].map(themeName).join(', ')}</small>}
                {open === r.id && <pre className="detail">{JSON.stringify(r.answers, null, 2)}</pre>}
              </td>
              <td>{r.language}</td>
              <td>{r.channel ?? '—'}</td>
              <td>{r.customerId ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.isPending && surveyId && <p>{t('loading')}</p>}
      {list.hasNextPage && (
        <button type="button" className="link" onClick={() => void list.fetchNextPage()}>
          {t('more')}
        </button>
      )}
    </>
  );
}
