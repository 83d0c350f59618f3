import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { CHANNELS, formatDuration, isoDay, PRIORITIES } from './format';
import { navigate } from './router';
import { useUrlState } from './url-state';

export interface Sla {
  dueAt: string | null;
  breached: boolean;
  dueInSeconds: number | null;
}
export interface CaseItem {
  id: string;
  number: number;
  subject: string;
  customerId: string | null;
  channel: string | null;
  stage: string;
  priority: string;
  status: string;
  assigneeId: string | null;
  tags: string[];
  createdAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  reopenCount: number;
  frt: { seconds: number | null; businessSeconds: number | null };
  ttr: { seconds: number | null; businessSeconds: number | null };
  sla: { firstResponse: Sla; resolution: Sla };
}
interface Stats {
  n: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}
interface CaseMetrics {
  overall: { n: number; resolved: number; frt: Stats; ttr: Stats };
  groups: { key: string; n: number; frt: Stats; ttr: Stats }[];
}

const LANES = ['open', 'pending', 'resolved', 'closed'] as const;

export function SlaBadge({ c }: { c: CaseItem }) {
  const { t } = useTranslation();
  const pending = c.sla.firstResponse.dueInSeconds !== null ? c.sla.firstResponse : c.sla.resolution;
  if (c.sla.firstResponse.breached || c.sla.resolution.breached) {
    const over = pending.dueInSeconds !== null && pending.dueInSeconds < 0 ? ` · ${t('overdue', { time: formatDuration(-pending.dueInSeconds, t) })}` : '';
    return <span className="badge breach">{t('breached')}{over}</span>;
  }
  if (pending.dueInSeconds !== null) return <span className="badge">{t('dueIn', { time: formatDuration(pending.dueInSeconds, t) })}</span>;
  return null;
}

/** Median and 90th percentile per group as bars on one scale. */
function DurationBars({ title, groups, pick, label }: { title: string; groups: CaseMetrics['groups']; pick: 'frt' | 'ttr'; label: (key: string) => string }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...groups.map((g) => g[pick].p90Seconds ?? 0));
  return (
    <figure className="tile" aria-label={title}>
      <h2>{title}</h2>
      <div className="bars">
        {groups.map((g) => (
          <div key={g.key} style={{ display: 'contents' }}>
            <span>{label(g.key)} <small className="muted">n={g[pick].n}</small></span>
            <span className="track" title={`${t('median')} ${formatDuration(g[pick].medianSeconds, t)} · ${t('p90')} ${formatDuration(g[pick].p90Seconds, t)}`}>
              <span className="p90" style={{ width: `${(100 * (g[pick].p90Seconds ?? 0)) / max}%` }} />
              <span className="med" style={{ width: `${(100 * (g[pick].medianSeconds ?? 0)) / max}%` }} />
            </span>
            <span className="val">{formatDuration(g[pick].medianSeconds, t)} / {formatDuration(g[pick].p90Seconds, t)}</span>
          </div>
        ))}
      </div>
      <figcaption className="muted">
        <span className="badge">{t('median')}</span> / <span className="badge">{t('p90')}</span>
      </figcaption>
    </figure>
  );
}

function NewCase() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<CaseItem>('/api/v1/cases', { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: (c) => {
      void client.invalidateQueries({ queryKey: ['cases'] });
      navigate(`/app/cases/${c.id}`);
    },
  });
  if (!open) {
    return (
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        {t('newCase')}
      </button>
    );
  }
  return (
    <form
      className="filters tile"
      aria-label={t('newCase')}
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const body: Record<string, unknown> = { subject: f.get('subject'), priority: f.get('priority') };
        if (f.get('customerId')) body.customerId = f.get('customerId');
        if (f.get('channel')) body.channel = f.get('channel');
        create.mutate(body);
      }}
    >
      <label>
        {t('subject')}
        <input name="subject" required maxLength={300} />
      </label>
      <label>
        {t('customerId')}
        <input name="customerId" maxLength={200} />
      </label>
      <label>
        {t('channel')}
        <select name="channel" defaultValue="">
          <option value="">—</option>
          {CHANNELS.map((c) => <option key={c}>{c}</option>)}
        </select>
      </label>
      <label>
        {t('priority')}
        <select name="priority" defaultValue="normal">
          {PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority_${p}`)}</option>)}
        </select>
      </label>
      <button type="submit" className="primary">{t('openCase')}</button>
      {create.error && <p role="alert" className="error">{create.error.message}</p>}
    </form>
  );
}

/** The cases board: lanes by status with SLA state, and FRT/TTR by channel and priority. */
export function Cases() {
  const { t } = useTranslation();
  const [params, setParams] = useUrlState();
  const hours = params.get('hours') === 'calendar' ? 'calendar' : 'business';
  const filter = new URLSearchParams({ limit: '200' });
  for (const k of ['priority', 'channel', 'breached']) if (params.get(k)) filter.set(k, params.get(k)!);
  const cases = useQuery({ queryKey: ['cases', filter.toString()], queryFn: () => api<{ data: CaseItem[] }>(`/api/v1/cases?${filter.toString()}`) });
  const to = isoDay(new Date());
  const from = isoDay(new Date(Date.now() - 364 * 86_400_000));
  const metrics = (groupBy: string) => () => api<CaseMetrics>(`/api/v1/cases/metrics?from=${from}&to=${to}&groupBy=${groupBy}&hours=${hours}`);
  const byChannel = useQuery({ queryKey: ['case-metrics', 'channel', hours], queryFn: metrics('channel') });
  const byPriority = useQuery({ queryKey: ['case-metrics', 'priority', hours], queryFn: metrics('priority') });
  const all = cases.data?.data ?? [];
  return (
    <>
      <h1>{t('cases')}</h1>
      <div className="row">
        <NewCase />
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('priority')}
          <select value={params.get('priority') ?? ''} onChange={(e) => setParams({ priority: e.target.value || undefined })}>
            <option value="">{t('all')}</option>
            {PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority_${p}`)}</option>)}
          </select>
        </label>
        <label>
          {t('channel')}
          <select value={params.get('channel') ?? ''} onChange={(e) => setParams({ channel: e.target.value || undefined })}>
            <option value="">{t('all')}</option>
            {CHANNELS.map((c) => <option key={c}>{c}</option>)}
          </select>
        </label>
        <label>
          {t('businessHours')}
          <select value={hours} onChange={(e) => setParams({ hours: e.target.value === 'calendar' ? 'calendar' : undefined })}>
            <option value="business">{t('businessHours')}</option>
            <option value="calendar">{t('calendarHours')}</option>
          </select>
        </label>
        <label className="row">
          <input type="checkbox" checked={params.get('breached') === 'true'} onChange={(e) => setParams({ breached: e.target.checked ? 'true' : undefined })} />
          {t('onlyBreached')}
        </label>
      </form>
      <div className="tiles two">
        {byChannel.data && <DurationBars title={`${t('frt')} · ${t('byChannel')}`} groups={byChannel.data.groups} pick="frt" label={(k) => k || '—'} />}
        {byChannel.data && <DurationBars title={`${t('ttr')} · ${t('byChannel')}`} groups={byChannel.data.groups} pick="ttr" label={(k) => k || '—'} />}
        {byPriority.data && <DurationBars title={`${t('frt')} · ${t('byPriority')}`} groups={byPriority.data.groups} pick="frt" label={(k) => t(`priority_${k}`)} />}
        {byPriority.data && <DurationBars title={`${t('ttr')} · ${t('byPriority')}`} groups={byPriority.data.groups} pick="ttr" label={(k) => t(`priority_${k}`)} />}
      </div>
      {cases.isPending && <p>{t('loading')}</p>}
      <div className="board">
        {LANES.map((lane) => {
          const items = all.filter((c) => c.status === lane);
          return (
            <section key={lane} className="lane" aria-label={t(`case_${lane}`)}>
              <h2>
                {t(`case_${lane}`)} <small className="muted">{items.length}</small>
              </h2>
              {items.length === 0 && <p className="muted">{t('noCases')}</p>}
              {items.slice(0, 50).map((c) => (
                <a
                  key={c.id}
                  href={`/app/cases/${c.id}`}
                  className="case-card"
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/app/cases/${c.id}`);
                  }}
                >
                  <strong>#{c.number} {c.subject}</strong>
                  <span className={`badge ${c.priority}`}>{t(`priority_${c.priority}`)}</span>
                  {c.channel && <span className="badge">{c.channel}</span>}
                  <SlaBadge c={c} />
                  {c.customerId && <small className="muted"> {c.customerId}</small>}
                </a>
              ))}
            </section>
          );
        })}
      </div>
    </>
  );
}
