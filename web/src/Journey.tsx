import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { isoDay } from './format';
import { SegmentPicker } from './SegmentPicker';
import { useUrlState } from './url-state';

interface StageRow {
  stage: string;
  interactions: number;
  nps: { score: number | null; n: number };
  csat: { score: number | null; n: number };
  ces: { mean: number | null; n: number };
  comments: number;
  negativeShare: number | null;
  openCases: number;
}
interface JourneyData {
  from: string;
  to: string;
  stages: StageRow[];
  hotspot: string | null;
}
interface StageResponse {
  id: string;
  surveyName: string;
  customerId: string | null;
  submittedAt: string;
  score: number | null;
  scoreType: string | null;
  comment: string | null;
}

/** 0 (good) … 1 (bad) → a colour from calm green through amber to red. */
function heat(badness: number | null): string | undefined {
  if (badness === null || Number.isNaN(badness)) return undefined;
  const b = Math.min(1, Math.max(0, badness));
  return `hsl(${Math.round(130 - 130 * b)} 65% ${Math.round(90 - 12 * b)}%)`;
}

/** Stages × measures as a heat map: the red column is where the journey hurts. */
export function Journey() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useUrlState();
  const to = params.get('to') ?? isoDay(new Date());
  const from = params.get('from') ?? isoDay(new Date(Date.now() - 89 * 86_400_000));
  const selected = params.get('stage');
  const unhappy = params.get('unhappy') === 'true';
  const segmentId = params.get('segmentId') ?? '';
  const inSegment = segmentId ? `&segmentId=${segmentId}` : '';
  const map = useQuery({ queryKey: ['journey', from, to, segmentId], queryFn: () => api<JourneyData>(`/api/v1/journey?from=${from}&to=${to}${inSegment}`) });
  const drill = useQuery({
    queryKey: ['journey-responses', selected, from, to, unhappy, segmentId],
    enabled: Boolean(selected),
    queryFn: () => api<{ data: StageResponse[] }>(`/api/v1/journey/responses?stage=${selected}&from=${from}&to=${to}&unhappy=${unhappy}${inSegment}`),
  });
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const stages = map.data?.stages ?? [];
  const maxInteractions = Math.max(1, ...stages.map((s) => s.interactions));
  const maxCases = Math.max(1, ...stages.map((s) => s.openCases));
  const rows: { label: string; cell: (s: StageRow) => [string, number | null] }[] = [
    { label: t('interactions'), cell: (s) => [num.format(s.interactions), null] },
    { label: t('nps'), cell: (s) => [s.nps.score === null ? '—' : num.format(s.nps.score), s.nps.score === null ? null : (50 - s.nps.score) / 100] },
    { label: t('csat'), cell: (s) => [s.csat.score === null ? '—' : `${num.format(s.csat.score)}%`, s.csat.score === null ? null : (90 - s.csat.score) / 50] },
    { label: t('ces'), cell: (s) => [s.ces.mean === null ? '—' : num.format(s.ces.mean), s.ces.mean === null ? null : (6 - s.ces.mean) / 3] },
    { label: t('unhappyComments'), cell: (s) => [s.negativeShare === null ? '—' : `${num.format(s.negativeShare)}%`, s.negativeShare === null ? null : s.negativeShare / 60] },
    { label: t('openCases'), cell: (s) => [num.format(s.openCases), s.openCases / maxCases] },
  ];
  return (
    <>
      <h1>{t('journeyMap')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('from')}
          <input type="date" value={from} onChange={(e) => setParams({ from: e.target.value || undefined })} />
        </label>
        <label>
          {t('to')}
          <input type="date" value={to} onChange={(e) => setParams({ to: e.target.value || undefined })} />
        </label>
        <SegmentPicker value={segmentId} onChange={(id) => setParams({ segmentId: id })} />
      </form>
      {map.isPending && <p>{t('loading')}</p>}
      {map.error && <p role="alert">{t('errorTitle')}: {map.error.message}</p>}
      {map.data && (
        <div className="heat-wrap">
          <table className="table heat" aria-label={t('journeyMap')}>
            <thead>
              <tr>
                <th scope="col" />
                {stages.map((s) => (
                  <th key={s.stage} scope="col" className={s.stage === map.data.hotspot ? 'hot' : undefined}>
                    <button type="button" className="link" aria-pressed={selected === s.stage} onClick={() => setParams({ stage: selected === s.stage ? undefined : s.stage })}>
                      {t(`stage_${s.stage}`)}
                    </button>
                    {s.stage === map.data.hotspot && <small className="hot-label">{t('hurtsMost')}</small>}
                    <span className="volume" style={{ width: `${(100 * s.interactions) / maxInteractions}%` }} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row" title={row.label === t('unhappyComments') ? t('unhappyHelp') : undefined}>{row.label}</th>
                  {stages.map((s) => {
                    const [text, badness] = row.cell(s);
                    return (
                      <td key={s.stage} style={{ background: heat(badness) }} data-stage={s.stage}>
                        {text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && (
        <section>
          <h2>{t('responsesAt', { stage: t(`stage_${selected}`) })}</h2>
          <label className="row">
            <input type="checkbox" checked={unhappy} onChange={(e) => setParams({ unhappy: e.target.checked ? 'true' : undefined })} />
            {t('onlyUnhappy')}
          </label>
          <table className="table">
            <thead>
              <tr>
                <th>{t('submitted')}</th>
                <th>{t('survey')}</th>
                <th>{t('score')}</th>
                <th>{t('comment')}</th>
                <th>{t('customer')}</th>
              </tr>
            </thead>
            <tbody>
              {(drill.data?.data ?? []).map((r) => (
                <tr key={r.id}>
                  <td>{when.format(new Date(r.submittedAt))}</td>
                  <td>{r.surveyName}</td>
                  <td>{r.score === null ? '—' : `${r.scoreType?.toUpperCase()} ${r.score}`}</td>
                  <td>{r.comment ?? '—'}</td>
                  <td>{r.customerId ? <a href={`/app/customers/${encodeURIComponent(r.customerId)}`}>{r.customerId}</a> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
