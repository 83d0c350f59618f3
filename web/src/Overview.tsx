import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Metrics, type SurveySummary } from './api';
import { ScoreTile } from './ScoreTile';
import { SegmentPicker } from './SegmentPicker';
import { ShareButton } from './SharedReport';
import { SurveySelect } from './SurveySelect';
import { useUrlState } from './url-state';

const CHANNELS = ['web', 'app', 'email', 'phone', 'store', 'chat', 'social'];
const STAGES = ['awareness', 'consideration', 'purchase', 'onboarding', 'usage', 'service', 'renewal', 'advocacy'];
const LANGUAGES = ['pl', 'ro', 'en'];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function Overview() {
  const { t } = useTranslation();
  const [params, setParams] = useUrlState();
  const surveys = useQuery({ queryKey: ['surveys'], queryFn: () => api<{ data: SurveySummary[] }>('/api/v1/surveys') });
  const surveyId = params.get('survey') ?? surveys.data?.data[0]?.id;
  const to = params.get('to') ?? isoDay(new Date());
  const from = params.get('from') ?? isoDay(new Date(Date.now() - 89 * 86_400_000));
  const filters = {
    channel: params.get('channel') ?? '',
    stage: params.get('stage') ?? '',
    language: params.get('language') ?? '',
    segmentId: params.get('segmentId') ?? '',
  };
  // Weekly points by default: a day rarely has enough answers to show a score.
  const interval = params.get('interval') ?? 'week';
  const query = new URLSearchParams({ from, to, interval, ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) });
  const metrics = useQuery({
    queryKey: ['metrics', surveyId, query.toString()],
    queryFn: () => api<Metrics>(`/api/v1/surveys/${surveyId}/metrics?${query.toString()}`),
    enabled: Boolean(surveyId),
  });

  if (surveys.isPending) return <p>{t('loading')}</p>;
  if (!surveys.data?.data.length) return <p>{t('noSurveys')}</p>;

  const select = (name: keyof typeof filters, label: string, options: string[]) => (
    <label>
      {label}
      <select value={filters[name]} onChange={(e) => setParams({ [name]: e.target.value || undefined })}>
        <option value="">{t('all')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <>
      <h1>{t('overview')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <SurveySelect surveys={surveys.data.data} value={surveyId} onChange={(id) => setParams({ survey: id })} />
        <label>
          {t('from')}
          <input type="date" value={from} max={to} onChange={(e) => setParams({ from: e.target.value || undefined })} />
        </label>
        <label>
          {t('to')}
          <input type="date" value={to} min={from} onChange={(e) => setParams({ to: e.target.value || undefined })} />
        </label>
        {select('channel', t('channel'), CHANNELS)}
        {select('stage', t('stage'), STAGES)}
        {select('language', t('language'), LANGUAGES)}
        <SegmentPicker value={filters.segmentId} onChange={(segmentId) => setParams({ segmentId })} />
      </form>
      {surveyId && <ShareButton surveyId={surveyId} view={Object.fromEntries([...query].filter(([k]) => k !== 'segmentId' && (k !== 'from' && k !== 'to' || params.has(k))))} />}
      {metrics.isPending && <p>{t('loading')}</p>}
      {metrics.error && <p role="alert">{t('errorTitle')}: {metrics.error.message}</p>}
      <div className="tiles">{metrics.data?.questions.map((q) => <ScoreTile key={q.questionId} q={q} />)}</div>
    </>
  );
}
