import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { groupColour, RetentionChart } from './RetentionChart';
import { ReasonList, RiskBadge, type ChurnRisk } from './RetentionRisk';
import { navigate } from './router';
import { useUrlState } from './url-state';

interface Figures {
  customers: number;
  purchasers: number;
  repeatPurchaseRate: number | null;
  retention: number | null;
  revenuePerCustomer: number | null;
  purchasesPerCustomer: number | null;
  revenue: number;
}
interface HeadlineGroup {
  customers: number;
  revenuePerCustomer: number | null;
  marginOfError95: number | null;
  repeatPurchaseRate: number | null;
}
interface Summary {
  from: string;
  to: string;
  currency: string;
  headline: {
    groups: Record<'promoter' | 'passive' | 'detractor', HeadlineGroup>;
    promoterVsDetractor: { ratio: number | null; difference: number | null; differenceMargin95: number | null };
  };
  groups: string[];
  periods: { period: string; groups: Record<string, Figures> }[];
}
interface AtRiskRow extends ChurnRisk {
  customerId: string;
  name: string | null;
}
interface AtRisk {
  currency: string;
  computedAt: string;
  totals: { customers: number; revenue12m: number };
  data: AtRiskRow[];
  nextCursor: string | null;
}

const NPS_GROUPS = ['promoter', 'passive', 'detractor'] as const;

/** What loyalty is worth by NPS group and tier, and who of value is about to leave. */
export function Retention() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useUrlState();
  const by = params.get('by') === 'tier' ? 'tier' : 'nps_group';
  const level = (['low', 'medium', 'high'] as const).find((l) => l === params.get('level')) ?? 'medium';
  const minValue = Math.max(0, Number(params.get('minValue')) || 0);
  const summary = useQuery({ queryKey: ['retention-summary', by], queryFn: () => api<Summary>(`/api/v1/retention/summary?by=${by}`) });
  const atRiskQuery = `level=${level}&minValue=${minValue}`;
  const atRisk = useInfiniteQuery({
    queryKey: ['retention-at-risk', level, minValue],
    initialPageParam: '',
    queryFn: ({ pageParam }) => api<AtRisk>(`/api/v1/retention/at-risk?${atRiskQuery}&limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const currency = summary.data?.currency ?? atRisk.data?.pages[0]?.currency ?? 'PLN';
  const money = new Intl.NumberFormat(i18n.language, { style: 'currency', currency, maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const groupLabel = (g: string) => (by === 'nps_group' ? t(`group_${g}`) : g === 'none' ? t('noTier') : g);
  const charts = useMemo(() => {
    const s = summary.data;
    if (!s) return null;
    const periods = s.periods.map((p) => p.period);
    const series = (pick: (f: Figures) => number | null) => s.groups.map((g) => ({ group: g, values: s.periods.map((p) => (p.groups[g] ? pick(p.groups[g]!) : null)) }));
    return { periods, revenue: series((f) => f.revenuePerCustomer), retention: series((f) => (f.retention === null ? null : f.retention * 100)) };
  }, [summary.data]);
  const rows = atRisk.data?.pages.flatMap((p) => p.data) ?? [];
  const totals = atRisk.data?.pages[0]?.totals;
  const h = summary.data?.headline;
  const vs = h?.promoterVsDetractor;
  return (
    <>
      <h1>{t('retention')}</h1>
      {summary.error && <p role="alert">{t('errorTitle')}: {summary.error.message}</p>}
      {h && (
        <section aria-labelledby="worth-title">
          <h2 id="worth-title">{t('promoterWorth')}</h2>
          <div className="tiles" data-testid="retention-headline">
            {NPS_GROUPS.map((g) => (
              <div key={g} className="tile">
                <h3 style={{ textTransform: 'capitalize' }}>{t(`group_${g}`)}</h3>
                <p className="score" style={{ color: groupColour(g, 0) }}>
                  {h.groups[g].revenuePerCustomer === null ? '—' : money.format(h.groups[g].revenuePerCustomer!)}
                </p>
                <p className="muted">
                  {t('revenuePerCustomer')}
                  {h.groups[g].marginOfError95 !== null && ` · ${t('margin', { value: money.format(h.groups[g].marginOfError95!) })}`}
                </p>
                <p>
                  {t('repeatRate')}: {h.groups[g].repeatPurchaseRate === null ? '—' : pct.format(h.groups[g].repeatPurchaseRate!)} · {t('nCustomers', { n: h.groups[g].customers })}
                </p>
              </div>
            ))}
          </div>
          <p data-testid="promoter-ratio">
            {vs && vs.ratio !== null && vs.difference !== null
              ? t('promoterRatio', {
                  ratio: num.format(vs.ratio),
                  difference: money.format(vs.difference),
                  margin: vs.differenceMargin95 === null ? '—' : money.format(vs.differenceMargin95),
                })
              : t('noPromoterRatio')}
          </p>
        </section>
      )}
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('retentionBy')}
          <select value={by} onChange={(e) => setParams({ by: e.target.value === 'tier' ? 'tier' : undefined })}>
            <option value="nps_group">{t('byNpsGroup')}</option>
            <option value="tier">{t('byTier')}</option>
          </select>
        </label>
      </form>
      {summary.isPending && <p>{t('loading')}</p>}
      {charts && summary.data && (
        <div className="tiles two">
          <div className="tile">
            <h2>{t('revenuePerCustomer')}</h2>
            <RetentionChart periods={charts.periods} series={charts.revenue} label={t('revenuePerCustomer')} />
            <Legend groups={summary.data.groups} label={groupLabel} />
          </div>
          <div className="tile">
            <h2>{t('retentionRate')}</h2>
            <RetentionChart periods={charts.periods} series={charts.retention} label={t('retentionRate')} />
            <Legend groups={summary.data.groups} label={groupLabel} />
          </div>
        </div>
      )}

      <h2>{t('atRiskCustomers')}</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('riskLevel')}
          <select value={level} onChange={(e) => setParams({ level: e.target.value === 'medium' ? undefined : e.target.value })}>
            <option value="high">{t('risk_high')}</option>
            <option value="medium">{t('risk_medium_up')}</option>
            <option value="low">{t('risk_any')}</option>
          </select>
        </label>
        <label>
          {t('minRevenue')}
          <input type="number" min={0} step={50} defaultValue={minValue || ''} onChange={(e) => setParams({ minValue: e.target.value || undefined })} />
        </label>
        <a className="button-link" href={`/api/v1/retention/at-risk.csv?${atRiskQuery}`} download>
          {t('exportCsv')}
        </a>
      </form>
      {totals && (
        <p className="muted" data-testid="at-risk-totals">
          {t('atRiskTotals', { n: totals.customers, revenue: money.format(totals.revenue12m) })} ·{' '}
          {t('scoresAsOf', { when: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(atRisk.data!.pages[0]!.computedAt)) })}
        </p>
      )}
      {atRisk.error && <p role="alert">{t('errorTitle')}: {atRisk.error.message}</p>}
      <table className="table" data-testid="at-risk">
        <thead>
          <tr>
            <th>{t('customer')}</th>
            <th>{t('churnRisk')}</th>
            <th>{t('revenue12m')}</th>
            <th>{t('reasons')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const href = `/app/customers/${encodeURIComponent(r.customerId)}`;
            return (
              <tr key={r.customerId}>
                <td>
                  <a
                    href={href}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(href);
                    }}
                  >
                    {r.name ?? r.customerId}
                  </a>
                </td>
                <td>
                  <RiskBadge level={r.level} score={r.score} />
                </td>
                <td>{money.format(r.value.revenue12m)}</td>
                <td>
                  <ReasonList reasons={r.reasons} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {atRisk.isPending && <p>{t('loading')}</p>}
      {atRisk.data && rows.length === 0 && <p className="muted">{t('noAtRisk')}</p>}
      {atRisk.hasNextPage && (
        <button type="button" className="link" onClick={() => void atRisk.fetchNextPage()}>
          {t('more')}
        </button>
      )}
    </>
  );
}

function Legend({ groups, label }: { groups: string[]; label: (g: string) => string }) {
  return (
    <p className="muted">
      {groups.map((g, i) => (
        <span key={g} style={{ marginRight: '1rem' }}>
          <span aria-hidden="true" style={{ display: 'inline-block', width: '0.8rem', height: '0.8rem', background: groupColour(g, i), marginRight: '0.3rem', verticalAlign: 'middle' }} />
          {label(g)}
        </span>
      ))}
    </p>
  );
}
