import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { SlaBadge, type CaseItem } from './Cases';
import { ChurnRiskTile, type ChurnRisk } from './RetentionRisk';
import { NextBestAction } from './NextBestAction';
import { CustomerSegments } from './CustomerSegments';
import { LoyaltyPanel } from './LoyaltyPanel';
import { navigate } from './router';
import { useUrlState } from './url-state';

interface Customer {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  consent: Record<string, boolean>;
  attributes: Record<string, unknown>;
}
interface TimelineItem {
  type: 'event' | 'response' | 'case';
  at: string;
  id: string;
  title: string;
  stage: string | null;
  channel: string | null;
  detail: Record<string, unknown>;
}
interface Profile {
  customer: Customer;
  nps: { score: number; group: string; at: string } | null;
  latestSentiment: { label: string } | null;
  latestComment: string | null;
  openCases: CaseItem[];
  churnRisk: ChurnRisk;
  timeline: TimelineItem[];
}

const go = (href: string) => (e: React.MouseEvent) => {
  e.preventDefault();
  navigate(href);
};

export function Customers() {
  const { t } = useTranslation();
  const [params, setParams] = useUrlState();
  const q = params.get('q') ?? '';
  const list = useInfiniteQuery({
    queryKey: ['customers', q],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api<{ data: Customer[]; nextCursor: string | null }>(`/api/v1/customers?limit=50${q ? `&q=${encodeURIComponent(q)}` : ''}${pageParam ? `&after=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <h1>{t('customers')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('searchCustomers')}
          <input type="search" defaultValue={q} onChange={(e) => setParams({ q: e.target.value.trim() || undefined })} />
        </label>
      </form>
      <table className="table">
        <thead>
          <tr>
            <th>{t('customerId')}</th>
            <th>{t('name')}</th>
            <th>{t('email')}</th>
            <th>{t('locale')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id} onClick={() => navigate(`/app/customers/${encodeURIComponent(c.id)}`)}>
              <td>
                <a href={`/app/customers/${encodeURIComponent(c.id)}`} onClick={go(`/app/customers/${encodeURIComponent(c.id)}`)}>
                  {c.id}
                </a>
              </td>
              <td>{c.name ?? '—'}</td>
              <td>{c.email ?? '—'}</td>
              <td>{c.locale ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.isPending && <p>{t('loading')}</p>}
      {list.hasNextPage && (
        <button type="button" className="link" onClick={() => void list.fetchNextPage()}>
          {t('more')}
        </button>
      )}
    </>
  );
}

/** Customer 360: who they are, how they feel now, what is open, and everything that happened. */
export function Customer360({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const profile = useQuery({ queryKey: ['customer', id], queryFn: () => api<Profile>(`/api/v1/customers/${encodeURIComponent(id)}/profile`) });
  const erase = useMutation({
    mutationFn: () => api(`/api/v1/customers/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => navigate('/app/customers'),
  });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  if (profile.isPending) return <p>{t('loading')}</p>;
  if (profile.error) return <p role="alert">{t('errorTitle')}: {profile.error.message}</p>;
  const p = profile.data;
  const c = p.customer;
  const describe = (item: TimelineItem) => {
    const d = item.detail;
    if (item.type === 'response') return [d.scoreType && d.score !== null ? `${String(d.scoreType).toUpperCase()} ${d.score}` : null, d.comment].filter(Boolean).join(' · ');
    if (item.type === 'case') return `${t(`case_${d.status}`)} · ${t(`priority_${d.priority}`)}`;
    return Object.entries(d).map(([k, v]) => `${k}: ${v}`).join(', ');
  };
  return (
    <>
      <h1>{c.name ?? c.id}</h1>
      <div className="columns">
        <section>
          <div className="tiles">
            <div className="tile">
              <h2>{t('latestNps')}</h2>
              {p.nps ? (
                <p className="score" data-testid="nps-group">
                  {p.nps.score} <small>{t(`group_${p.nps.group}`)}</small>
                </p>
              ) : (
                <p className="muted">{t('none')}</p>
              )}
            </div>
            <div className="tile">
              <h2>{t('latestSentiment')}</h2>
              {p.latestSentiment ? (
                <p>
                  <span className={`badge ${p.latestSentiment.label}`} data-testid="latest-sentiment">
                    {t(p.latestSentiment.label)}
                  </span>
                </p>
              ) : (
                <p className="muted">{t('notAnalysed')}</p>
              )}
              {p.latestComment && <p>“{p.latestComment}”</p>}
            </div>
            <div className="tile">
              <h2>{t('openCases')}</h2>
              {p.openCases.length === 0 && <p className="muted">{t('noCases')}</p>}
              {p.openCases.map((oc) => (
                <a key={oc.id} className="case-card" href={`/app/cases/${oc.id}`} onClick={go(`/app/cases/${oc.id}`)}>
                  <strong>#{oc.number} {oc.subject}</strong>
                  <SlaBadge c={oc} />
                </a>
              ))}
            </div>
            <ChurnRiskTile risk={p.churnRisk} />
            <NextBestAction customerId={c.id} />
            <CustomerSegments customerId={c.id} />
          </div>
          <h2>{t('timeline')}</h2>
          <ol className="timeline" aria-label={t('timeline')}>
            {p.timeline.map((item) => (
              <li key={`${item.type}-${item.id}`} className={item.type}>
                <time dateTime={item.at}>{when.format(new Date(item.at))}</time>
                <span className="badge">{t(`kind_${item.type}`)}</span>
                {item.type === 'case' ? (
                  <a href={`/app/cases/${item.id}`} onClick={go(`/app/cases/${item.id}`)}>{item.title}</a>
                ) : (
                  <strong>{item.title}</strong>
                )}
                {item.stage && <small className="muted"> · {t(`stage_${item.stage}`)}</small>}
                <div className="muted">{describe(item)}</div>
              </li>
            ))}
          </ol>
        </section>
        <aside className="tile">
          <dl className="facts">
            <dt>{t('customerId')}</dt>
            <dd>{c.id}</dd>
            <dt>{t('email')}</dt>
            <dd>{c.email ?? '—'}</dd>
            <dt>{t('phone')}</dt>
            <dd>{c.phone ?? '—'}</dd>
            <dt>{t('locale')}</dt>
            <dd>{c.locale ?? '—'}</dd>
            <dt>{t('consent')}</dt>
            <dd>{Object.entries(c.consent).map(([k, v]) => `${k}: ${v ? '✓' : '✗'}`).join(', ') || '—'}</dd>
            {Object.entries(c.attributes).map(([k, v]) => (
              <div key={k} style={{ display: 'contents' }}>
                <dt>{k}</dt>
                <dd>{String(v)}</dd>
              </div>
            ))}
          </dl>
          <div className="row">
            <a className="button-link" href={`/api/v1/customers/${encodeURIComponent(id)}/export`} download>
              {t('exportData')}
            </a>
            <button type="button" className="link" onClick={() => window.confirm(t('confirmErase')) && erase.mutate()}>
              {t('eraseCustomer')}
            </button>
          </div>
          {erase.error && <p role="alert" className="error">{erase.error.message}</p>}
          <LoyaltyPanel customerId={id} />
        </aside>
      </div>
    </>
  );
}
