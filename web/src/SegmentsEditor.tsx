import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';

export type Condition = Record<string, unknown> & { kind: string };
export interface Draft {
  name: string;
  description: string;
  match: 'all' | 'any';
  conditions: Condition[];
}

const KINDS = ['attribute', 'nps_group', 'sentiment', 'stage', 'tier', 'event_count', 'inactive', 'consent'] as const;
const STAGES = ['awareness', 'consideration', 'purchase', 'onboarding', 'usage', 'service', 'renewal', 'advocacy'];
const PURPOSES = ['surveys', 'email', 'sms', 'marketing'];

/** A new row of each kind starts with values that already make a valid condition. */
const FRESH: Record<(typeof KINDS)[number], Condition> = {
  attribute: { kind: 'attribute', key: 'city', op: 'eq', value: '' },
  nps_group: { kind: 'nps_group', groups: ['promoter'] },
  sentiment: { kind: 'sentiment', values: ['negative'] },
  stage: { kind: 'stage', stages: ['service'] },
  tier: { kind: 'tier', tiers: ['gold'] },
  event_count: { kind: 'event_count', event: 'order_placed', op: 'gte', count: 3, withinDays: 90 },
  inactive: { kind: 'inactive', days: 60 },
  consent: { kind: 'consent', purpose: 'email', given: true },
};

/** What the API expects: attribute values typed by operator (numbers for gt/lt, a list for "in"). */
function toApi(c: Condition): Condition {
  if (c.kind !== 'attribute') return c;
  const raw = String(c.value ?? '');
  if (c.op === 'exists') return { kind: c.kind, key: c.key, op: c.op };
  if (c.op === 'in') return { ...c, value: raw.split(',').map((s) => s.trim()).filter(Boolean) };
  if (c.op === 'gt' || c.op === 'lt') return { ...c, value: Number(raw) };
  return { ...c, value: raw };
}
export const definitionOf = (d: Draft) => ({ match: d.match, conditions: d.conditions.map(toApi) });

/** A condition row: the kind, then the few inputs that kind needs. */
function ConditionRow({ c, onChange, onRemove }: { c: Condition; onChange: (c: Condition) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const set = (patch: Record<string, unknown>) => onChange({ ...c, ...patch });
  const list = (field: string, options: string[], label: (o: string) => string) => {
    const chosen = (c[field] as string[]) ?? [];
    return options.map((o) => (
      <label key={o} className="check">
        <input type="checkbox" checked={chosen.includes(o)} onChange={(e) => set({ [field]: e.target.checked ? [...chosen, o] : chosen.filter((x) => x !== o) })} />
        {label(o)}
      </label>
    ));
  };
  const number = (field: string, label: string, min = 0) => (
    <label>
      {label}
      <input type="number" min={min} value={Number(c[field] ?? 0)} onChange={(e) => set({ [field]: Number(e.target.value) })} style={{ width: '6rem' }} />
    </label>
  );
  return (
    <fieldset className="row condition" aria-label={t(`seg_kind_${c.kind}`)}>
      <label>
        {t('seg_condition')}
        <select value={c.kind} onChange={(e) => onChange(FRESH[e.target.value as (typeof KINDS)[number]])}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`seg_kind_${k}`)}
            </option>
          ))}
        </select>
      </label>
      {c.kind === 'attribute' && (
        <>
          <label>
            {t('seg_key')}
            <input value={String(c.key)} pattern="[A-Za-z0-9_-]{1,64}" onChange={(e) => set({ key: e.target.value })} />
          </label>
          <label>
            {t('seg_operator')}
            <select value={String(c.op)} onChange={(e) => set({ op: e.target.value })}>
              {['eq', 'neq', 'in', 'exists', 'gt', 'lt'].map((op) => (
                <option key={op} value={op}>
                  {t(`seg_op_${op}`)}
                </option>
              ))}
            </select>
          </label>
          {c.op !== 'exists' && (
            <label>
              {t('seg_value')}
              <input value={String(c.value ?? '')} onChange={(e) => set({ value: e.target.value })} />
            </label>
          )}
        </>
      )}
      {c.kind === 'nps_group' && list('groups', ['promoter', 'passive', 'detractor', 'none'], (g) => t(`seg_group_${g}`))}
      {c.kind === 'sentiment' && list('values', ['positive', 'neutral', 'negative'], (s) => t(s))}
      {c.kind === 'stage' && list('stages', STAGES, (s) => t(`stage_${s}`))}
      {c.kind === 'tier' && (
        <label>
          {t('seg_tiers')}
          <input value={((c.tiers as string[]) ?? []).join(', ')} onChange={(e) => set({ tiers: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) })} />
        </label>
      )}
      {c.kind === 'event_count' && (
        <>
          <label>
            {t('seg_event')}
            <input value={String(c.event)} pattern="[A-Za-z0-9_.:-]{1,64}" onChange={(e) => set({ event: e.target.value })} />
          </label>
          <label>
            {t('seg_operator')}
            <select value={String(c.op)} onChange={(e) => set({ op: e.target.value })}>
              {['gte', 'lte', 'eq'].map((op) => (
                <option key={op} value={op}>
                  {t(`seg_op_${op}`)}
                </option>
              ))}
            </select>
          </label>
          {number('count', t('seg_count'))}
          {number('withinDays', t('seg_withinDays'), 1)}
        </>
      )}
      {c.kind === 'inactive' && number('days', t('seg_days'), 1)}
      {c.kind === 'consent' && (
        <>
          <label>
            {t('seg_purpose')}
            <select value={String(c.purpose)} onChange={(e) => set({ purpose: e.target.value })}>
              {PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={c.given !== false} onChange={(e) => set({ given: e.target.checked })} />
            {t('seg_given')}
          </label>
        </>
      )}
      <button type="button" className="link" onClick={onRemove}>
        {t('seg_remove')}
      </button>
    </fieldset>
  );
}

/** Waits until the value has stopped changing for a moment, so typing does not count on every key. */
function useSettled<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [JSON.stringify(value)]);
  return settled;
}

/** Name, match all/any, condition rows, and how many customers the draft holds right now. */
export function SegmentEditor({ initial, saving, error, onSave }: { initial: Draft; saving: boolean; error?: string; onSave: (d: Draft) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(initial);
  const definition = useSettled(definitionOf(draft));
  const preview = useQuery({
    queryKey: ['segment-preview', JSON.stringify(definition)],
    queryFn: () => api<{ members: number }>('/api/v1/segments/preview', { method: 'POST', body: JSON.stringify(definition) }),
    enabled: definition.conditions.length > 0,
    retry: false,
  });
  const setCondition = (i: number, c: Condition | null) =>
    setDraft({ ...draft, conditions: c ? draft.conditions.map((x, j) => (j === i ? c : x)) : draft.conditions.filter((_, j) => j !== i) });
  return (
    <form
      className="tile segment-editor"
      aria-label={t('seg_editor')}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
    >
      <div className="filters">
        <label>
          {t('name')}
          <input name="name" required maxLength={100} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <label>
          {t('seg_description')}
          <input name="description" maxLength={500} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
        </label>
        <label>
          {t('seg_match')}
          <select value={draft.match} onChange={(e) => setDraft({ ...draft, match: e.target.value as Draft['match'] })}>
            <option value="all">{t('seg_matchAll')}</option>
            <option value="any">{t('seg_matchAny')}</option>
          </select>
        </label>
      </div>
      {draft.conditions.map((c, i) => (
        <ConditionRow key={i} c={c} onChange={(next) => setCondition(i, next)} onRemove={() => setCondition(i, null)} />
      ))}
      <div className="row">
        <button type="button" disabled={draft.conditions.length >= 20} onClick={() => setDraft({ ...draft, conditions: [...draft.conditions, FRESH.attribute] })}>
          {t('seg_addCondition')}
        </button>
        <output aria-live="polite" className="status-pill" data-testid="segment-preview">
          {preview.isFetching ? t('seg_counting') : preview.error ? preview.error.message : preview.data ? t('seg_matchingNow', { count: preview.data.members }) : '—'}
        </output>
        <span className="spacer" />
        <button type="submit" className="primary" disabled={saving || draft.conditions.length === 0}>
          {t('seg_save')}
        </button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}
