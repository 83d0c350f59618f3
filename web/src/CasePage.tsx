import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { SlaBadge, type CaseItem } from './Cases';
import { formatDuration, PRIORITIES } from './format';

interface CaseEvent {
  id: string;
  kind: string;
  direction: string | null;
  body: string | null;
  data: { from?: unknown; to?: unknown };
  at: string;
}
type CaseDetail = CaseItem & { events: CaseEvent[]; invitations: { id: string; path: string; status: string }[] };

/** One case: what happened, replies and notes, status changes, and its times against the SLA. */
export function CasePage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [kind, setKind] = useState<'reply' | 'note'>('reply');
  const [body, setBody] = useState('');
  const detail = useQuery({ queryKey: ['case', id], queryFn: () => api<CaseDetail>(`/api/v1/cases/${id}`) });
  const members = useQuery({ queryKey: ['members'], queryFn: () => api<{ data: { userId: string; name: string; email: string }[] }>('/api/v1/members') });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['case', id] });
    void client.invalidateQueries({ queryKey: ['cases'] });
  };
  const change = useMutation({ mutationFn: (patch: Record<string, unknown>) => api(`/api/v1/cases/${id}`, { method: 'PATCH', body: JSON.stringify(patch) }), onSuccess: refresh });
  const post = useMutation({
    mutationFn: () => api(`/api/v1/cases/${id}/events`, { method: 'POST', body: JSON.stringify({ kind, body }) }),
    onSuccess: () => {
      setBody('');
      refresh();
    },
  });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  if (detail.isPending) return <p>{t('loading')}</p>;
  if (detail.error) return <p role="alert">{t('errorTitle')}: {detail.error.message}</p>;
  const c = detail.data;
  const done = c.status === 'resolved' || c.status === 'closed';
  const eventLabel = (e: CaseEvent) => {
    if (e.kind === 'reply') return t(`event_reply_${e.direction ?? 'agent'}`);
    const base = t(`event_${e.kind}`);
    if (e.kind === 'status') return `${base}: ${t(`case_${String(e.data.to)}`)}`;
    if (e.kind === 'priority') return `${base}: ${t(`priority_${String(e.data.to)}`)}`;
    if (e.kind === 'tags') return `${base}: ${(e.data.to as string[]).join(', ')}`;
    return base;
  };
  return (
    <>
      <h1>#{c.number} {c.subject}</h1>
      <div className="row">
        <span className="status-pill">{t(`case_${c.status}`)}</span>
        <span className={`badge ${c.priority}`}>{t(`priority_${c.priority}`)}</span>
        <SlaBadge c={c} />
        {c.reopenCount > 0 && <span className="badge">{t('reopenedTimes', { count: c.reopenCount })}</span>}
      </div>
      <div className="columns">
        <section>
          <h2>{t('timeline')}</h2>
          <ol className="timeline">
            {c.events.map((e) => (
              <li key={e.id} className={e.kind}>
                <time dateTime={e.at}>{when.format(new Date(e.at))}</time>
                <strong>{eventLabel(e)}</strong>
                {e.body && <p>{e.body}</p>}
              </li>
            ))}
          </ol>
          <form
            className="tile"
            onSubmit={(e) => {
              e.preventDefault();
              if (body.trim()) post.mutate();
            }}
          >
            <div className="row" role="radiogroup">
              <label>
                <input type="radio" name="kind" checked={kind === 'reply'} onChange={() => setKind('reply')} /> {t('reply')}
              </label>
              <label>
                <input type="radio" name="kind" checked={kind === 'note'} onChange={() => setKind('note')} /> {t('note')}
              </label>
            </div>
            <label>
              <span className="sr-only">{kind === 'reply' ? t('reply') : t('note')}</span>
              <textarea rows={4} value={body} onChange={(e) => setBody(e.target.value)} maxLength={20000} />
            </label>
            <div className="row">
              <button type="submit" className="primary">{t('send')}</button>
              {post.error && <span role="alert" className="error">{post.error.message}</span>}
            </div>
          </form>
        </section>
        <aside className="tile">
          <div className="row">
            {!done && <button type="button" onClick={() => change.mutate({ status: 'resolved' })}>{t('resolve')}</button>}
            {c.status === 'open' && <button type="button" onClick={() => change.mutate({ status: 'pending' })}>{t('markPending')}</button>}
            {done && <button type="button" onClick={() => change.mutate({ status: 'open' })}>{t('reopen')}</button>}
            {c.status === 'resolved' && <button type="button" onClick={() => change.mutate({ status: 'closed' })}>{t('closeCase')}</button>}
          </div>
          {change.error && <p role="alert" className="error">{change.error.message}</p>}
          <dl className="facts">
            <dt>{t('priority')}</dt>
            <dd>
              <select aria-label={t('priority')} value={c.priority} onChange={(e) => change.mutate({ priority: e.target.value })}>
                {PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority_${p}`)}</option>)}
              </select>
            </dd>
            <dt>{t('assignee')}</dt>
            <dd>
              <select aria-label={t('assignee')} value={c.assigneeId ?? ''} onChange={(e) => change.mutate({ assigneeId: e.target.value || null })}>
                <option value="">{t('unassigned')}</option>
                {(members.data?.data ?? []).map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name} ({m.email})
                  </option>
                ))}
              </select>
            </dd>
            <dt>{t('customer')}</dt>
            <dd>{c.customerId ? <a href={`/app/customers/${encodeURIComponent(c.customerId)}`}>{c.customerId}</a> : '—'}</dd>
            <dt>{t('channel')}</dt>
            <dd>{c.channel ?? '—'}</dd>
            <dt>{t('tags')}</dt>
            <dd>
              <input
                aria-label={t('tags')}
                key={c.tags.join(',')}
                defaultValue={c.tags.join(', ')}
                onBlur={(e) => {
                  const tags = e.target.value.split(',').map((s) => s.trim()).filter(Boolean);
                  if (tags.join(',') !== c.tags.join(',')) change.mutate({ tags });
                }}
              />
            </dd>
            <dt>{t('opened')}</dt>
            <dd>{when.format(new Date(c.createdAt))}</dd>
            <dt>{t('frt')}</dt>
            <dd data-testid="frt">
              {formatDuration(c.frt.seconds, t)} <small className="muted">({t('businessHours')}: {formatDuration(c.frt.businessSeconds, t)})</small>
            </dd>
            <dt>{t('ttr')}</dt>
            <dd data-testid="ttr">
              {formatDuration(c.ttr.seconds, t)} <small className="muted">({t('businessHours')}: {formatDuration(c.ttr.businessSeconds, t)})</small>
            </dd>
          </dl>
        </aside>
      </div>
    </>
  );
}
