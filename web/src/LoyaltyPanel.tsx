import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from './api';
import { localText, type Account } from './LoyaltyApi';

/** The Customer 360's loyalty tile: card number, tier, balance, progress, card page, adjustments. */
export function LoyaltyPanel({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const path = `/api/v1/loyalty/accounts/${encodeURIComponent(customerId)}`;
  const account = useQuery({ queryKey: ['loyalty', 'account', customerId], queryFn: () => api<Account>(path), retry: false });
  const [adjust, setAdjust] = useState({ points: '', reason: '' });
  const link = useMutation({ mutationFn: () => api<{ url: string }>(`${path}/card-link`, { method: 'POST', body: '{}' }) });
  const change = useMutation({
    mutationFn: () => api(`${path}/adjustments`, { method: 'POST', body: JSON.stringify({ points: Number(adjust.points), reason: adjust.reason }) }),
    onSuccess: () => {
      setAdjust({ points: '', reason: '' });
      void client.invalidateQueries({ queryKey: ['loyalty'] });
    },
  });
  const n = (v: number) => v.toLocaleString(i18n.language);
  const missing = account.error instanceof ApiError && (account.error.status === 404 || account.error.status === 409);
  return (
    <section className="tile" aria-label={t('loy_card')}>
      <h2>{t('loy_card')}</h2>
      {account.isPending && <p>{t('loading')}</p>}
      {missing && <p className="muted">{t('loy_noAccount')}</p>}
      {account.error && !missing && <p role="alert">{account.error.message}</p>}
      {account.data && (
        <>
          <p className="score" data-testid="loyalty-balance">
            {n(account.data.balance)} <small>{t('loy_balance')}</small>
          </p>
          <dl className="facts">
            <dt>{t('loy_tier')}</dt>
            <dd data-testid="loyalty-tier">{localText(account.data.tierName, i18n.language) || t('loy_noTier')}</dd>
            <dt>{t('loy_cardNumber')}</dt>
            <dd>{account.data.cardNumber.replace(/(\d{4})(?=\d)/g, '$1 ')}</dd>
            {account.data.referralCode && (
              <>
                <dt>{t('loy_referralCode')}</dt>
                <dd>{account.data.referralCode}</dd>
              </>
            )}
          </dl>
          {account.data.nextTier && <p className="muted">{t('loy_toNext', { missing: n(account.data.nextTier.missing), tier: localText(account.data.nextTier.name, i18n.language) })}</p>}
          <div className="row">
            {link.data ? (
              <a className="button-link" href={link.data.url} target="_blank" rel="noreferrer">
                {t('loy_openCard')}
              </a>
            ) : (
              <button type="button" onClick={() => link.mutate()}>
                {t('loy_cardLink')}
              </button>
            )}
          </div>
          <form
            className="row"
            aria-label={t('loy_adjust')}
            onSubmit={(e) => {
              e.preventDefault();
              change.mutate();
            }}
          >
            <label className="field">
              {t('loy_points')}
              <input type="number" required value={adjust.points} onChange={(e) => setAdjust({ ...adjust, points: e.target.value })} />
            </label>
            <label className="field">
              {t('loy_reason')}
              <input required maxLength={200} value={adjust.reason} onChange={(e) => setAdjust({ ...adjust, reason: e.target.value })} />
            </label>
            <button type="submit" disabled={change.isPending}>
              {t('loy_adjust')}
            </button>
          </form>
          {(change.error ?? link.error) && (
            <p role="alert" className="error">
              {(change.error ?? link.error)!.message}
            </p>
          )}
        </>
      )}
    </section>
  );
}
