import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { segmentsQuery } from './SegmentPicker';

const KINDS = ['referral', 'review', 'recovery', 'win_over', 'reward', 'message'] as const;
const PLACEMENTS = ['thank_you', 'widget', 'email'] as const;
const GROUPS = ['promoter', 'passive', 'detractor'] as const;
const LANGS = ['pl', 'ro', 'en'] as const;

interface Offer {
  id: string;
  name: string;
  kind: string;
  content: Record<string, { title: string; body: string; cta?: string }>;
  url: string | null;
  audience: { npsGroups?: string[]; segmentIds?: string[]; tiers?: string[]; match: string; conditions: unknown[] };
  placements: string[];
  priority: number;
  validFrom: string | null;
  validUntil: string | null;
  capDays: number;
  enabled: boolean;
  stats: { shown: number; accepted: number; dismissed: number; ignored: number; acceptRate: number | null };
}

/** Offers and messages: who gets which, where, and what they did with it. */
export function Offers() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const offers = useQuery({ queryKey: ['offers'], queryFn: () => api<{ data: Offer[] }>('/api/v1/offers') });
  const segments = useQuery(segmentsQuery);
  const refresh = () => void client.invalidateQueries({ queryKey: ['offers'] });
  const save = useMutation({
    mutationFn: ({ id, body }: { id?: string; body: unknown }) =>
      api(id ? `/api/v1/offers/${id}` : '/api/v1/offers', { method: id ? 'PUT' : 'POST', body: JSON.stringify(body) }),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (id: string) => api(`/api/v1/offers/${id}`, { method: 'DELETE' }), onSuccess: refresh });
  const [formKey, setFormKey] = useState(0);
  if (offers.error) return <p role="alert">{t('errorTitle')}: {offers.error.message}</p>;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const content = Object.fromEntries(
      LANGS.filter((l) => String(f.get(`title-${l}`) ?? '').trim()).map((l) => [
        l,
        { title: String(f.get(`title-${l}`)).trim(), body: String(f.get(`body-${l}`) ?? '').trim(), ...(String(f.get(`cta-${l}`) ?? '').trim() && { cta: String(f.get(`cta-${l}`)).trim() }) },
      ]),
    );
    const list = (name: string) => f.getAll(name).map(String);
    const until = String(f.get('validUntil') ?? '');
    save.mutate(
      {
        body: {
          name: f.get('name'),
          kind: f.get('kind'),
          content,
          url: String(f.get('url') ?? '').trim() || null,
          audience: { npsGroups: list('npsGroups'), segmentIds: list('segmentIds'), match: 'all' },
          placements: list('placements'),
          priority: Number(f.get('priority') || 0),
          validUntil: until ? new Date(`${until}T23:59:59`).toISOString() : null,
          capDays: Number(f.get('capDays') || 7),
        },
      },
      { onSuccess: () => setFormKey((k) => k + 1) },
    );
  };
  const toggle = (o: Offer) => {
    const { name, kind, content, url, audience, placements, priority, validFrom, validUntil, capDays } = o;
    save.mutate({ id: o.id, body: { name, kind, content, url, audience, placements, priority, validFrom, validUntil, capDays, enabled: !o.enabled } });
  };

  return (
    <>
      <h1>{t('offers')}</h1>
      <p className="muted">{t('offersHelp')}</p>
      <table className="table" aria-label={t('offers')}>
        <thead>
          <tr>
            <th>{t('offerName')}</th>
            <th>{t('offerAudience')}</th>
            <th>{t('offerPlacements')}</th>
            <th>{t('offerShown')}</th>
            <th>{t('offerOutcome')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(offers.data?.data ?? []).map((o) => (
            <tr key={o.id} className={o.enabled ? '' : 'muted'}>
              <td>
                <strong>{o.name}</strong> <span className="badge">{t(`offerKind_${o.kind}`)}</span>
                <br />
                <small className="muted">{o.content.pl?.title ?? o.content.ro?.title ?? o.content.en?.title}</small>
              </td>
              <td>
                {[...(o.audience.npsGroups ?? []).map((g) => t(`group_${g}`)), ...(o.audience.segmentIds ?? []).map((id) => segments.data?.data.find((s) => s.id === id)?.name ?? id)].join(', ') || t('everyone')}
              </td>
              <td>{o.placements.map((p) => t(`placement_${p}`)).join(', ')}</td>
              <td>{o.stats.shown}</td>
              <td>
                <OutcomeBar stats={o.stats} />
              </td>
              <td>
                <button type="button" className="link" onClick={() => toggle(o)}>
                  {o.enabled ? t('disable') : t('enable')}
                </button>{' '}
                <button type="button" className="link" onClick={() => confirm(t('confirmDelete')) && remove.mutate(o.id)}>
                  {t('remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {offers.data?.data.length === 0 && <p className="muted">{t('noOffers')}</p>}

      <form key={formKey} className="tile" onSubmit={submit} aria-label={t('newOffer')}>
        <h2>{t('newOffer')}</h2>
        <div className="filters">
          <label>
            {t('offerName')}
            <input name="name" required maxLength={200} />
          </label>
          <label>
            {t('offerKind')}
            <select name="kind" defaultValue="referral">
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`offerKind_${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('priority')}
            <input name="priority" type="number" min={-1000} max={1000} defaultValue={0} />
          </label>
          <label>
            {t('offerCapDays')}
            <input name="capDays" type="number" min={0} max={365} defaultValue={7} />
          </label>
          <label>
            {t('offerValidUntil')}
            <input name="validUntil" type="date" />
          </label>
        </div>
        {LANGS.map((l) => (
          <fieldset key={l} className="filters">
            <legend>{l.toUpperCase()}</legend>
            <label>
              {t('offerTitle')} ({l})
              <input name={`title-${l}`} maxLength={120} required={l === 'pl'} />
            </label>
            <label>
              {t('offerBody')} ({l})
              <input name={`body-${l}`} maxLength={600} size={40} />
            </label>
            <label>
              {t('offerCta')} ({l})
              <input name={`cta-${l}`} maxLength={60} />
            </label>
          </fieldset>
        ))}
        <label className="field">
          {t('offerUrl')}
          <input name="url" type="url" placeholder="https://sklep.pl/polec?kod={referral_code}" />
        </label>
        <fieldset className="filters">
          <legend>{t('offerAudience')}</legend>
          {GROUPS.map((g) => (
            <label key={g}>
              <input type="checkbox" name="npsGroups" value={g} /> {t(`group_${g}`)}
            </label>
          ))}
          <label>
            {t('seg_segments')}
            <select name="segmentIds" multiple size={Math.min(4, Math.max(2, segments.data?.data.length ?? 2))}>
              {(segments.data?.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset className="filters">
          <legend>{t('offerPlacements')}</legend>
          {PLACEMENTS.map((p) => (
            <label key={p}>
              <input type="checkbox" name="placements" value={p} defaultChecked={p === 'thank_you'} /> {t(`placement_${p}`)}
            </label>
          ))}
        </fieldset>
        <div className="row">
          <button type="submit" className="primary">{t('createOffer')}</button>
          {save.error && <span role="alert" className="error">{save.error.message}</span>}
        </div>
      </form>
    </>
  );
}

function OutcomeBar({ stats }: { stats: Offer['stats'] }) {
  const { t } = useTranslation();
  if (!stats.shown) return <span className="muted">—</span>;
  const pct = (n: number) => `${Math.round((100 * n) / stats.shown)}%`;
  return (
    <span className="outcome" aria-label={`${t('offerAccepted')} ${stats.accepted}, ${t('offerDismissed')} ${stats.dismissed}, ${t('offerIgnored')} ${stats.ignored}`}>
      <span className="outcome-bar">
        <span className="accepted" style={{ width: pct(stats.accepted) }} />
        <span className="dismissed" style={{ width: pct(stats.dismissed) }} />
      </span>
      <small>
        {t('offerAccepted')} {pct(stats.accepted)} · {t('offerDismissed')} {pct(stats.dismissed)} · {t('offerIgnored')} {pct(stats.ignored)}
      </small>
    </span>
  );
}
