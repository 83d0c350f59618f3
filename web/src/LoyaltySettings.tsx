import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import type { EarnRule, Programme, ProgrammeSettings, Tier } from './LoyaltyApi';

const LANGS = ['en', 'pl', 'ro'] as const;
const num = (v: string) => (v === '' ? 0 : Number(v));

/** Empty translations fall back to English; a benefit without English text is no benefit. */
function clean(s: ProgrammeSettings): ProgrammeSettings {
  const text = <T extends { en: string; pl?: string; ro?: string }>(x: T) => Object.fromEntries(Object.entries(x).filter(([, v]) => v.trim() !== '')) as T;
  return { ...s, tiers: s.tiers.map(({ benefits, ...tier }) => ({ ...tier, name: text(tier.name), ...(benefits?.en.trim() ? { benefits: text(benefits) } : {}) })) };
}

/** The programme's settings: earn rules, referral bonus, expiry, tiers. */
export function LoyaltySettings({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [s, setS] = useState<ProgrammeSettings>(programme.settings);
  const save = useMutation({
    mutationFn: () => api<Programme>('/api/v1/loyalty/settings', { method: 'PUT', body: JSON.stringify(clean(s)) }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['loyalty'] }),
  });
  const setRule = (i: number, patch: Partial<EarnRule>) => setS({ ...s, earnRules: s.earnRules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const setTier = (i: number, patch: Partial<Tier>) => setS({ ...s, tiers: s.tiers.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const field = (key: 'referralBonus' | 'expiryMonths' | 'tierWindowMonths' | 'tierHoldMonths') => (
    <label className="field">
      {t(`loy_${key}`)}
      <input type="number" min={0} value={s[key]} onChange={(e) => setS({ ...s, [key]: num(e.target.value) })} />
    </label>
  );
  return (
    <form
      className="tile"
      aria-label={t('loy_settings')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2>{t('loy_settings')}</h2>
      {!programme.configured && <p className="muted">{t('loy_notConfigured')}</p>}
      <label className="row">
        <input type="checkbox" checked={s.enabled} onChange={(e) => setS({ ...s, enabled: e.target.checked })} /> {t('loy_enabled')}
      </label>
      <fieldset className="question-edit">
        <legend>{t('loy_earnRules')}</legend>
        {s.earnRules.map((r, i) => (
          <div className="choice-edit" key={i}>
            <label className="field">
              {t('loy_ruleId')}
              <input value={r.id} onChange={(e) => setRule(i, { id: e.target.value })} />
            </label>
            <label className="field">
              {t('loy_eventName')}
              <input value={r.eventName} onChange={(e) => setRule(i, { eventName: e.target.value })} />
            </label>
            <label className="field">
              {t('loy_mode')}
              <select value={r.mode} onChange={(e) => setRule(i, { mode: e.target.value as EarnRule['mode'] })}>
                <option value="per_unit">{t('loy_mode_per_unit')}</option>
                <option value="fixed">{t('loy_mode_fixed')}</option>
              </select>
            </label>
            <label className="field">
              {t('loy_points')}
              <input type="number" min={1} value={r.points} onChange={(e) => setRule(i, { points: num(e.target.value) })} />
            </label>
            {r.mode === 'per_unit' && (
              <>
                <label className="field">
                  {t('loy_property')}
                  <input value={r.property} onChange={(e) => setRule(i, { property: e.target.value })} />
                </label>
                <label className="field">
                  {t('loy_unit')}
                  <input type="number" min={0.01} step="any" value={r.unit} onChange={(e) => setRule(i, { unit: num(e.target.value) })} />
                </label>
              </>
            )}
            <button type="button" className="link" onClick={() => setS({ ...s, earnRules: s.earnRules.filter((_, j) => j !== i) })}>
              {t('loy_remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="link"
          onClick={() => setS({ ...s, earnRules: [...s.earnRules, { id: `rule${s.earnRules.length + 1}`, eventName: 'purchase_completed', mode: 'per_unit', points: 1, property: 'amount', unit: 1 }] })}
        >
          {t('loy_addRule')}
        </button>
      </fieldset>
      <div className="choice-edit">
        {field('referralBonus')}
        {field('expiryMonths')}
        {field('tierWindowMonths')}
        {field('tierHoldMonths')}
      </div>
      <fieldset className="question-edit">
        <legend>{t('loy_tiers')}</legend>
        {s.tiers.map((tier, i) => (
          <div className="choice-edit" key={i}>
            <label className="field">
              {t('loy_tierId')}
              <input value={tier.id} onChange={(e) => setTier(i, { id: e.target.value })} />
            </label>
            <label className="field">
              {t('loy_threshold')}
              <input type="number" min={0} value={tier.threshold} onChange={(e) => setTier(i, { threshold: num(e.target.value) })} />
            </label>
            {LANGS.map((l) => (
              <label className="field" key={l}>
                {t('loy_name')} ({l.toUpperCase()})
                <input value={tier.name[l] ?? ''} onChange={(e) => setTier(i, { name: { ...tier.name, [l]: e.target.value } })} />
              </label>
            ))}
            {LANGS.map((l) => (
              <label className="field" key={`b-${l}`}>
                {t('loy_benefits')} ({l.toUpperCase()})
                <input
                  value={tier.benefits?.[l] ?? ''}
                  onChange={(e) => setTier(i, { benefits: { en: tier.benefits?.en ?? '', ...tier.benefits, [l]: e.target.value } })}
                />
              </label>
            ))}
            <button type="button" className="link" onClick={() => setS({ ...s, tiers: s.tiers.filter((_, j) => j !== i) })}>
              {t('loy_remove')}
            </button>
          </div>
        ))}
        <button type="button" className="link" onClick={() => setS({ ...s, tiers: [...s.tiers, { id: `tier${s.tiers.length + 1}`, name: { en: '' }, threshold: 0 }] })}>
          {t('loy_addTier')}
        </button>
      </fieldset>
      <p className="muted">{t('loy_bonusHint')}</p>
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('loy_save')}
        </button>
        {save.isSuccess && <span role="status">{t('loy_saved')}</span>}
        {save.error && (
          <p role="alert" className="error">
            {save.error.message}
          </p>
        )}
      </div>
    </form>
  );
}
