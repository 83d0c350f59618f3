import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { navigate } from './router';

interface Action {
  code: string;
  urgency: number;
  params: Record<string, string | number | null>;
  target: { type: 'case' | 'offer' | 'survey' | 'loyalty'; id: string | null } | null;
}

const targetPath = (a: Action) =>
  a.target?.type === 'case' && a.target.id ? `/app/cases/${a.target.id}` : a.target?.type === 'offer' ? '/app/offers' : a.target?.type === 'loyalty' ? '/app/loyalty' : a.target?.type === 'survey' ? '/app/surveys' : null;

/** The one most useful step for this customer now, with its reason, and what comes after it. */
export function NextBestAction({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const nba = useQuery({
    queryKey: ['next-best-action', customerId],
    queryFn: () => api<{ action: Action; alternatives: Action[] }>(`/api/v1/customers/${encodeURIComponent(customerId)}/next-best-action`),
  });
  if (!nba.data) return null;
  const line = (a: Action) => {
    const path = targetPath(a);
    const text = t(`nba_${a.code}`, { ...a.params, offer: a.params.offer ?? t('nbaPersonalGesture') });
    return path ? (
      <a href={path} onClick={(e) => (e.preventDefault(), navigate(path))}>
        {text}
      </a>
    ) : (
      text
    );
  };
  const { action, alternatives } = nba.data;
  return (
    <div className={`tile nba ${action.urgency >= 80 ? 'urgent' : ''}`} role="region" aria-label={t('nextBestAction')}>
      <h2>{t('nextBestAction')}</h2>
      <p className="nba-main" data-testid="nba">{line(action)}</p>
      <p className="muted">{t(`nba_why_${action.code}`, { ...action.params, comment: action.params.comment ?? '—', days: action.params.days ?? '—' })}</p>
      {alternatives.length > 0 && (
        <details>
          <summary>{t('nbaThen')}</summary>
          <ul>
            {alternatives.map((a) => (
              <li key={a.code}>{line(a)}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
