import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Metrics } from './api';
import { ScoreTile } from './ScoreTile';

/** A shared view, read-only, for people without an account. */
export function SharedReport({ token }: { token: string }) {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: ['shared', token],
    queryFn: () => api<Metrics & { survey: { name: string }; workspace: { name: string } }>(`/api/v1/shared/${encodeURIComponent(token)}`),
  });
  if (report.isPending) return <p className="center">{t('loading')}</p>;
  if (report.error) return <p role="alert" className="center">{report.error.message}</p>;
  return (
    <main className="content">
      <p className="muted">
        {report.data.workspace.name} · {t('sharedReport')}
      </p>
      <h1>{report.data.survey.name}</h1>
      <p className="muted">
        {report.data.from} – {report.data.to}
      </p>
      <div className="tiles">{report.data.questions.map((q) => <ScoreTile key={q.questionId} q={q} />)}</div>
    </main>
  );
}

export function ShareButton({ surveyId, view }: { surveyId: string; view: Record<string, string> }) {
  const { t } = useTranslation();
  const share = useQuery({
    queryKey: ['share', surveyId, JSON.stringify(view)],
    queryFn: () => api<{ url: string }>('/api/v1/reports', { method: 'POST', body: JSON.stringify({ surveyId, view }) }),
    enabled: false,
  });
  return (
    <div className="share">
      <button type="button" className="link" onClick={() => void share.refetch()}>
        {t('shareReport')}
      </button>
      {share.data && (
        <span role="status">
          {t('readOnlyLink')}: <a href={share.data.url} data-testid="report-link">{share.data.url}</a>
        </span>
      )}
    </div>
  );
}
