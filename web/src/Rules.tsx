import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SurveySummary } from './api';
import { useThemeNames } from './themes';
import { segmentsQuery } from './SegmentPicker';

interface Rule {
  id: string;
  name: string;
  enabled: boolean;
  trigger: string;
  match: string;
  conditions: { field: string; operator: string; value?: unknown }[];
  actions: { type: string; url?: string; to?: string[]; priority?: string; tag?: string }[];
  signingSecret: string;
  firedCount: number;
  lastFiredAt: string | null;
}
interface Delivery {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  log: { attempt: number; at: string; ok: boolean; statusCode: number | null; error: string | null; durationMs: number }[];
}

function DeliveryLog({ rule }: { rule: Rule }) {
  const { t, i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  const log = useQuery({ queryKey: ['deliveries', rule.id], queryFn: () => api<{ data: Delivery[] }>(`/api/v1/rules/${rule.id}/deliveries`), refetchInterval: 5000 });
  return (
    <table className="table" aria-label={`${t('deliveries')}: ${rule.name}`}>
      <thead>
        <tr>
          <th>{t('createdAt')}</th>
          <th>{t('action')}</th>
          <th>{t('status')}</th>
          <th>{t('attempts')}</th>
        </tr>
      </thead>
      <tbody>
        {(log.data?.data ?? []).map((d) => (
          <tr key={d.id}>
            <td>{when.format(new Date(d.createdAt))}</td>
            <td>{t(`action_${d.kind}`)}</td>
            <td>
              <span className={`badge ${d.status === 'dead' ? 'breach' : d.status === 'done' ? 'positive' : ''}`}>{t(`delivery_${d.status}`)}</span>
              {d.lastError && <small className="muted"> {d.lastError}</small>}
            </td>
            <td>{d.log.map((a) => (a.statusCode ?? (a.ok ? '✓' : '✗')) + ` (${a.durationMs} ms)`).join(' → ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Rules: when something happens and it matches, act — webhook, e-mail alert, case, tag. */
export function Rules() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const themeName = useThemeNames();
  const [open, setOpen] = useState<string | null>(null);
  const rules = useQuery({ queryKey: ['rules'], queryFn: () => api<{ data: Rule[] }>('/api/v1/rules') });
  const segments = useQuery(segmentsQuery);
  const surveys = useQuery({ queryKey: ['surveys'], queryFn: () => api<{ data: SurveySummary[] }>('/api/v1/surveys') });
  const themes = useQuery({ queryKey: ['themes'], queryFn: () => api<{ data: { id: string }[] }>('/api/v1/insights/themes') });
  const refresh = () => void client.invalidateQueries({ queryKey: ['rules'] });
  const create = useMutation({ mutationFn: (body: unknown) => api('/api/v1/rules', { method: 'POST', body: JSON.stringify(body) }), onSuccess: refresh });
  const toggle = useMutation({
    mutationFn: (r: Rule) => {
      const { name, trigger, match, conditions, actions } = r;
      return api(`/api/v1/rules/${r.id}`, { method: 'PUT', body: JSON.stringify({ name, trigger, match, conditions, actions, enabled: !r.enabled }) });
    },
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (id: string) => api(`/api/v1/rules/${id}`, { method: 'DELETE' }), onSuccess: refresh });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  if (rules.error) return <p role="alert">{t('errorTitle')}: {rules.error.message}</p>;
  return (
    <>
      <h1>{t('rules')}</h1>
      <form
        className="filters tile"
        aria-label={t('newRule')}
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const conditions: unknown[] = [];
          const trigger = String(f.get('trigger'));
          if (trigger === 'event_received' && f.get('event')) conditions.push({ field: 'event', operator: 'eq', value: f.get('event') });
          if (trigger === 'response_received' && f.get('group')) conditions.push({ field: 'nps_group', operator: 'eq', value: f.get('group') });
          if (trigger === 'response_received' && f.get('sentiment')) conditions.push({ field: 'sentiment', operator: 'eq', value: f.get('sentiment') });
          if (trigger === 'response_received' && f.get('theme')) conditions.push({ field: 'theme', operator: 'contains', value: f.get('theme') });
          if (f.get('segment')) conditions.push({ field: 'segment', operator: 'contains', value: f.get('segment') });
          const actions: unknown[] = [];
          if (f.get('url')) actions.push({ type: 'webhook', url: f.get('url'), format: f.get('format') });
          if (f.get('email')) actions.push({ type: 'email', to: String(f.get('email')).split(',').map((s) => s.trim()).filter(Boolean) });
          if (f.get('openCase')) actions.push({ type: 'open_case', priority: 'high' });
          if (trigger === 'event_received' && f.get('showSurvey')) actions.push({ type: 'show_survey', surveyId: f.get('showSurvey') });
          if (Number(f.get('points')) > 0) actions.push({ type: 'award_points', points: Number(f.get('points')), reason: String(f.get('name')).slice(0, 200) });
          create.mutate({ name: f.get('name'), trigger, conditions, actions });
        }}
      >
        <label>
          {t('name')}
          <input name="name" required maxLength={200} />
        </label>
        <label>
          {t('trigger')}
          <select name="trigger" defaultValue="response_received">
            {['response_received', 'case_resolved', 'event_received', 'sla_due_soon', 'sla_breached'].map((tr) => (
              <option key={tr} value={tr}>
                {t(`trigger_${tr}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('eventName')}
          <input name="event" placeholder="order_delivered" pattern="[A-Za-z0-9_.:-]{1,64}" />
        </label>
        <label>
          {t('npsGroup')}
          <select name="group" defaultValue="detractor">
            <option value="">{t('all')}</option>
            {['detractor', 'passive', 'promoter'].map((g) => (
              <option key={g} value={g}>
                {t(`group_${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('sentiment')}
          <select name="sentiment" defaultValue="">
            <option value="">{t('all')}</option>
            {['negative', 'neutral', 'positive'].map((s) => (
              <option key={s} value={s}>
                {t(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('theme')}
          <select name="theme" defaultValue="">
            <option value="">{t('all')}</option>
            {(themes.data?.data ?? []).map((th) => (
              <option key={th.id} value={th.id}>
                {themeName(th.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('seg_segments')}
          <select name="segment" defaultValue="">
            <option value="">{t('all')}</option>
            {(segments.data?.data ?? []).map((sg) => (
              <option key={sg.id} value={sg.id}>
                {sg.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('webhookUrl')}
          <input name="url" type="url" placeholder="https://hooks.example.com/…" />
        </label>
        <label>
          {t('format')}
          <select name="format" defaultValue="json">
            <option value="json">JSON</option>
            <option value="slack">Slack</option>
          </select>
        </label>
        <label>
          {t('alertEmails')}
          <input name="email" placeholder="team@example.com" />
        </label>
        <label className="row">
          <input type="checkbox" name="openCase" /> {t('action_open_case')}
        </label>
        <label>
          {t('action_award_points')}
          <input name="points" type="number" min={0} max={1000000} placeholder="20" size={6} />
        </label>
        <label>
          {t('action_show_survey')}
          <select name="showSurvey" defaultValue="">
            <option value="">{t('none')}</option>
            {(surveys.data?.data ?? []).filter((s) => s.status === 'active').map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('createRule')}
        </button>
        {create.error && <p role="alert" className="error">{create.error.message}</p>}
      </form>
      <table className="table" aria-label={t('rules')}>
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('actions')}</th>
            <th>{t('lastFired')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(rules.data?.data ?? []).map((r) => (
            <tr key={r.id} onClick={() => setOpen(open === r.id ? null : r.id)} className={open === r.id ? 'open' : undefined}>
              <td>
                <strong>{r.name}</strong> {!r.enabled && <span className="badge">{t('disabled')}</span>}
                <div className="muted">{r.conditions.map((c) => `${c.field} ${c.operator} ${String(c.value ?? '')}`).join(r.match === 'all' ? ' · ' : ' | ') || t('always')}</div>
                {open === r.id && (
                  <>
                    <p className="muted">
                      {t('signingSecret')}: <code>{r.signingSecret}</code>
                    </p>
                    <DeliveryLog rule={r} />
                  </>
                )}
              </td>
              <td>{r.actions.map((a) => t(`action_${a.type}`)).join(', ')}</td>
              <td data-testid={`fired-${r.id}`}>
                {r.lastFiredAt ? when.format(new Date(r.lastFiredAt)) : '—'} <small className="muted">({r.firedCount}×)</small>
              </td>
              <td onClick={(e) => e.stopPropagation()}>
                <button type="button" className="link" onClick={() => toggle.mutate(r)}>
                  {r.enabled ? t('disable') : t('enable')}
                </button>
                <button type="button" className="link" onClick={() => window.confirm(t('confirmDeleteRule')) && remove.mutate(r.id)}>
                  {t('remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
