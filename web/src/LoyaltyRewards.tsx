import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { localText, type Reward } from './LoyaltyApi';

/** The rewards catalogue: add, offer or withdraw, remove. */
export function LoyaltyRewards() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const rewards = useQuery({ queryKey: ['loyalty', 'rewards'], queryFn: () => api<{ data: Reward[] }>('/api/v1/loyalty/rewards') });
  const [draft, setDraft] = useState({ en: '', pl: '', ro: '', cost: '', stock: '' });
  const refresh = () => void client.invalidateQueries({ queryKey: ['loyalty'] });
  const add = useMutation({
    mutationFn: () => {
      const name = Object.fromEntries(Object.entries({ en: draft.en, pl: draft.pl, ro: draft.ro }).filter(([, v]) => v.trim()));
      return api('/api/v1/loyalty/rewards', { method: 'POST', body: JSON.stringify({ name, cost: Number(draft.cost), stock: draft.stock === '' ? null : Number(draft.stock) }) });
    },
    onSuccess: () => {
      setDraft({ en: '', pl: '', ro: '', cost: '', stock: '' });
      refresh();
    },
  });
  const toggle = useMutation({ mutationFn: (r: Reward) => api(`/api/v1/loyalty/rewards/${r.id}`, { method: 'PATCH', body: JSON.stringify({ active: !r.active }) }), onSuccess: refresh });
  const remove = useMutation({ mutationFn: (id: string) => api(`/api/v1/loyalty/rewards/${id}`, { method: 'DELETE' }), onSuccess: refresh });
  return (
    <section className="tile">
      <h2>{t('loy_rewards')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th>{t('loy_name')}</th>
            <th>{t('loy_cost')}</th>
            <th>{t('loy_stock')}</th>
            <th>{t('loy_active')}</th>
            <th>
              <span className="sr-only">{t('loy_remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(rewards.data?.data ?? []).map((r) => (
            <tr key={r.id}>
              <td>{localText(r.name, i18n.language)}</td>
              <td>{r.cost.toLocaleString(i18n.language)}</td>
              <td>{r.stock ?? t('loy_unlimited')}</td>
              <td>
                <input type="checkbox" checked={r.active} aria-label={`${t('loy_active')}: ${localText(r.name, i18n.language)}`} onChange={() => toggle.mutate(r)} />
              </td>
              <td>
                <button type="button" className="link" onClick={() => remove.mutate(r.id)}>
                  {t('loy_remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="choice-edit"
        aria-label={t('loy_addReward')}
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        {(['en', 'pl', 'ro'] as const).map((l) => (
          <label className="field" key={l}>
            {t('loy_name')} ({l.toUpperCase()})
            <input value={draft[l]} required={l === 'en'} onChange={(e) => setDraft({ ...draft, [l]: e.target.value })} />
          </label>
        ))}
        <label className="field">
          {t('loy_cost')}
          <input type="number" min={1} required value={draft.cost} onChange={(e) => setDraft({ ...draft, cost: e.target.value })} />
        </label>
        <label className="field">
          {t('loy_stock')}
          <input type="number" min={0} value={draft.stock} onChange={(e) => setDraft({ ...draft, stock: e.target.value })} />
        </label>
        <div className="row">
          <button type="submit" className="primary" disabled={add.isPending}>
            {t('loy_addReward')}
          </button>
        </div>
      </form>
      {(add.error ?? toggle.error ?? remove.error) && (
        <p role="alert" className="error">
          {(add.error ?? toggle.error ?? remove.error)!.message}
        </p>
      )}
    </section>
  );
}
