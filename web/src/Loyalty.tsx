import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { localText, type Ambassador, type Programme, type Summary } from './LoyaltyApi';
import { LoyaltyRewards } from './LoyaltyRewards';
import { LoyaltySettings } from './LoyaltySettings';
import { navigate } from './router';

const go = (href: string) => (e: React.MouseEvent) => {
  e.preventDefault();
  navigate(href);
};

/** The loyalty programme: members by tier, settings, rewards, ambassadors, the newest points. */
export function Loyalty() {
  const { t, i18n } = useTranslation();
  const programme = useQuery({ queryKey: ['loyalty', 'settings'], queryFn: () => api<Programme>('/api/v1/loyalty/settings') });
  const summary = useQuery({ queryKey: ['loyalty', 'summary'], queryFn: () => api<Summary>('/api/v1/loyalty/summary?recent=20') });
  const ambassadors = useQuery({ queryKey: ['loyalty', 'ambassadors'], queryFn: () => api<{ data: Ambassador[] }>('/api/v1/loyalty/ambassadors?limit=20') });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const n = (v: number) => v.toLocaleString(i18n.language);
  if (programme.isPending) return <p>{t('loading')}</p>;
  if (programme.error) return <p role="alert">{t('errorTitle')}: {programme.error.message}</p>;
  const tiers = programme.data.settings.tiers;
  const tierName = (id: string | null) => (id === null ? t('loy_noTier') : localText(tiers.find((x) => x.id === id)?.name, i18n.language) || id);
  const customerLink = (id: string, label: string) => (
    <a href={`/app/customers/${encodeURIComponent(id)}`} onClick={go(`/app/customers/${encodeURIComponent(id)}`)}>
      {label}
    </a>
  );
  return (
    <>
      <h1>{t('loyalty')}</h1>
      <div className="tiles">
        <div className="tile">
          <h2>{t('loy_members')}</h2>
          <p className="score" data-testid="loyalty-members">{n(summary.data?.members ?? 0)}</p>
          <p className="muted">
            {t('loy_pointsOutstanding')}: {n(summary.data?.pointsOutstanding ?? 0)}
          </p>
        </div>
        <div className="tile">
          <h2>{t('loy_byTier')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th>{t('loy_tier')}</th>
                <th>{t('loy_members')}</th>
              </tr>
            </thead>
            <tbody>
              {(summary.data?.byTier ?? []).map((row) => (
                <tr key={row.tier ?? ''}>
                  <td>{tierName(row.tier)}</td>
                  <td>{n(row.members)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <h2>{t('loy_ambassadors')}</h2>
      {ambassadors.data?.data.length === 0 && <p className="muted">{t('loy_noAmbassadors')}</p>}
      {!!ambassadors.data?.data.length && (
        <table className="table" aria-label={t('loy_ambassadors')}>
          <thead>
            <tr>
              <th>{t('loy_customer')}</th>
              <th>{t('loy_referred')}</th>
              <th>{t('loy_converted')}</th>
              <th>{t('loy_bonusPoints')}</th>
              <th>{t('loy_latestNps')}</th>
            </tr>
          </thead>
          <tbody>
            {ambassadors.data.data.map((a) => (
              <tr key={a.customerId}>
                <td>{customerLink(a.customerId, a.name ?? a.customerId)}</td>
                <td>{n(a.referred)}</td>
                <td>{n(a.converted)}</td>
                <td>{n(a.bonusPoints)}</td>
                <td>{a.latestNps === null ? '—' : `${a.latestNps} (${t(`group_${a.npsGroup}`)})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="builder">
        <LoyaltySettings key={programme.dataUpdatedAt} programme={programme.data} />
        <LoyaltyRewards />
      </div>
      <h2>{t('loy_recent')}</h2>
      <table className="table" aria-label={t('loy_recent')}>
        <thead>
          <tr>
            <th>{t('loy_when')}</th>
            <th>{t('loy_customer')}</th>
            <th>{t('loy_kind')}</th>
            <th>{t('loy_points')}</th>
            <th>{t('loy_reason')}</th>
          </tr>
        </thead>
        <tbody>
          {(summary.data?.recent ?? []).map((e) => (
            <tr key={e.id}>
              <td>{when.format(new Date(e.createdAt))}</td>
              <td>{customerLink(e.customerId, e.customerId)}</td>
              <td>{t(`loy_kind_${e.kind}`)}</td>
              <td>{e.points > 0 ? `+${n(e.points)}` : n(e.points)}</td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
