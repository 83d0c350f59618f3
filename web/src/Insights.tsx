import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type SurveySummary } from './api';
import { isoDay } from './format';
import { SurveySelect } from './SurveySelect';
import { useThemeNames } from './themes';
import { useUrlState } from './url-state';
import { SegmentPicker } from './SegmentPicker';

interface ThemeRow {
  theme: string;
  n: number;
  share: number;
  positive: number;
  neutral: number;
  negative: number;
}
interface GroupTalk {
  comments: number;
  themes: { theme: string; n: number; share: number }[];
}
interface InsightsData {
  comments: number;
  sentiment: { positive: number; neutral: number; negative: number };
  emotions: { emotion: string; n: number }[];
  themes: ThemeRow[];
  groups: { detractors: GroupTalk; passives: GroupTalk; promoters: GroupTalk };
  examples: Record<string, { responseId: string; text: string; sentiment: string; nps: number | null; evidence: string[] }[]>;
}
interface Driver {
  theme: string;
  n: number;
  share: number;
  npsWith: number | null;
  npsWithout: number | null;
  marginWith: number | null;
  gap: { change: number | null; significant: boolean; pValue: number | null };
  impact: number | null;
}
interface Status {
  comments: number;
  analysed: number;
  pending: number;
  percent: number;
}

function SentimentBar({ p, n, neg, label }: { p: number; n: number; neg: number; label: string }) {
  const total = Math.max(1, p + n + neg);
  return (
    <span className="sentiment-bar" role="img" aria-label={label}>
      <span className="pos" style={{ width: `${(100 * p) / total}%` }} />
      <span className="neu" style={{ width: `${(100 * n) / total}%` }} />
      <span className="neg" style={{ width: `${(100 * neg) / total}%` }} />
    </span>
  );
}

/** What comments say: sentiment, themes, who talks about what, and which themes move NPS. */
export function Insights() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const themeName = useThemeNames();
  const [params, setParams] = useUrlState();
  const surveys = useQuery({ queryKey: ['surveys'], queryFn: () => api<{ data: SurveySummary[] }>('/api/v1/surveys') });
  const surveyId = params.get('survey') ?? surveys.data?.data[0]?.id;
  const to = params.get('to') ?? isoDay(new Date());
  const from = params.get('from') ?? isoDay(new Date(Date.now() - 89 * 86_400_000));
  const selected = params.get('theme');
  const segmentId = params.get('segmentId') ?? '';
  const inSegment = segmentId ? `&segmentId=${segmentId}` : '';
  const status = useQuery({
    queryKey: ['insights-status'],
    queryFn: () => api<Status>('/api/v1/insights/status'),
    refetchInterval: (q) => (q.state.data?.pending ? 2000 : false),
  });
  const data = useQuery({
    queryKey: ['insights', surveyId, from, to, segmentId, status.data?.analysed],
    enabled: Boolean(surveyId),
    queryFn: () => api<InsightsData>(`/api/v1/surveys/${surveyId}/insights?from=${from}&to=${to}${inSegment}`),
  });
  const drivers = useQuery({
    queryKey: ['drivers', surveyId, from, to, segmentId, status.data?.analysed],
    enabled: Boolean(surveyId),
    queryFn: () => api<{ n: number; drivers: Driver[] }>(`/api/v1/surveys/${surveyId}/drivers?from=${from}&to=${to}${inSegment}`),
  });
  const reanalyze = useMutation({
    mutationFn: () => api('/api/v1/insights/reanalyze', { method: 'POST' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['insights-status'] }),
  });
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const d = data.data;
  const maxImpact = Math.max(1, ...(drivers.data?.drivers ?? []).map((x) => Math.abs(x.impact ?? 0)));
  return (
    <>
      <h1>{t('insights')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <SurveySelect surveys={surveys.data?.data ?? []} value={surveyId} onChange={(id) => setParams({ survey: id })} />
        <SegmentPicker value={segmentId} onChange={(id) => setParams({ segmentId: id })} />
        <label>
          {t('from')}
          <input type="date" value={from} onChange={(e) => setParams({ from: e.target.value || undefined })} />
        </label>
        <label>
          {t('to')}
          <input type="date" value={to} onChange={(e) => setParams({ to: e.target.value || undefined })} />
        </label>
      </form>
      {status.data && (
        <div className="row" role="status">
          <progress max={100} value={status.data.percent} aria-label={t('analysisProgress', { analysed: status.data.analysed, comments: status.data.comments })} />
          <span>{t('analysisProgress', { analysed: num.format(status.data.analysed), comments: num.format(status.data.comments) })}</span>
          <button type="button" className="link" onClick={() => reanalyze.mutate()}>
            {t('reanalyze')}
          </button>
          {reanalyze.error && <span className="error">{reanalyze.error.message}</span>}
        </div>
      )}
      {d && (
        <div className="tiles">
          <section className="tile">
            <h2>{t('sentiment')}</h2>
            <p className="n">{t('commentsN', { count: d.comments })}</p>
            <SentimentBar p={d.sentiment.positive} n={d.sentiment.neutral} neg={d.sentiment.negative} label={t('sentiment')} />
            <p className="muted">
              <span className="dot pos" /> {t('positive')} {d.sentiment.positive} · <span className="dot neu" /> {t('neutral')} {d.sentiment.neutral} · <span className="dot neg" /> {t('negative')} {d.sentiment.negative}
            </p>
            {d.emotions.length > 0 && (
              <p className="muted">
                {t('emotions')}: {d.emotions.map((e) => `${t(`emotion_${e.emotion}`)} ${e.n}`).join(' · ')}
              </p>
            )}
          </section>
          {(['detractors', 'promoters'] as const).map((g) => (
            <section className="tile" key={g} aria-label={t(`${g}Talk`)}>
              <h2>{t(`${g}Talk`)}</h2>
              <p className="n">{t('commentsN', { count: d.groups[g].comments })}</p>
              <div className="bars">
                {d.groups[g].themes.slice(0, 6).map((x) => (
                  <div key={x.theme} style={{ display: 'contents' }}>
                    <span>{themeName(x.theme)}</span>
                    <span className="track">
                      <span className={g === 'detractors' ? 'med neg' : 'med'} style={{ width: `${x.share}%` }} />
                    </span>
                    <span className="val">{num.format(x.share)}%</span>
                  </div>
                ))}
              </div>
            </section>
          ))}
        </div>
      )}
      {drivers.data && drivers.data.drivers.length > 0 && (
        <section>
          <h2>{t('drivers')}</h2>
          <table className="table" aria-label={t('drivers')}>
            <thead>
              <tr>
                <th>{t('theme')}</th>
                <th>{t('mentions')}</th>
                <th>{t('npsWith')}</th>
                <th>{t('npsWithout')}</th>
                <th>{t('gap')}</th>
                <th>{t('impact')}</th>
              </tr>
            </thead>
            <tbody>
              {drivers.data.drivers.map((x) => (
                <tr key={x.theme} data-theme={x.theme} onClick={() => setParams({ theme: x.theme })}>
                  <td>{themeName(x.theme)}</td>
                  <td>
                    {x.n} <small className="muted">({num.format(x.share)}%)</small>
                  </td>
                  <td>
                    {x.npsWith === null ? '—' : num.format(x.npsWith)}
                    {x.marginWith !== null && <small className="muted"> ±{num.format(x.marginWith)}</small>}
                  </td>
                  <td>{x.npsWithout === null ? '—' : num.format(x.npsWithout)}</td>
                  <td>
                    {x.gap.change === null ? '—' : signed.format(x.gap.change)}{' '}
                    {x.gap.change !== null && <small className={x.gap.significant ? 'change significant' : 'muted'}>{x.gap.significant ? t('significant') : t('notSignificant')}</small>}
                  </td>
                  <td className="impact">
                    {x.impact === null ? (
                      '—'
                    ) : (
                      <>
                        <span className={x.impact < 0 ? 'impact-bar neg' : 'impact-bar'} style={{ width: `${(50 * Math.abs(x.impact)) / maxImpact}%` }} />
                        {signed.format(x.impact)}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('driversHelp')}</p>
        </section>
      )}
      {d && (
        <section>
          <h2>{t('themesBySentiment')}</h2>
          <div className="bars themes" aria-label={t('themesBySentiment')}>
            {d.themes.map((x) => (
              <div key={x.theme} style={{ display: 'contents' }}>
                <button type="button" className="link" aria-pressed={selected === x.theme} onClick={() => setParams({ theme: selected === x.theme ? undefined : x.theme })}>
                  {themeName(x.theme)}
                </button>
                <SentimentBar p={x.positive} n={x.neutral} neg={x.negative} label={`${themeName(x.theme)}: ${x.positive} / ${x.neutral} / ${x.negative}`} />
                <span className="val">
                  {x.n} ({num.format(x.share)}%)
                </span>
              </div>
            ))}
          </div>
          {selected && d.examples[selected] && (
            <div className="tile">
              <h2>
                {t('examples')}: {themeName(selected)}
              </h2>
              <ul className="examples">
                {d.examples[selected]!.map((e) => (
                  <li key={e.responseId} className={e.sentiment}>
                    “{e.text}” {e.nps !== null && <small className="muted">NPS {e.nps}</small>}
                  </li>
                ))}
              </ul>
              <a href={`/app/responses?survey=${surveyId}&theme=${selected}`}>{t('allResponsesWithTheme')}</a>
            </div>
          )}
        </section>
      )}
    </>
  );
}
