import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SurveySummary } from './api';
import { navigate } from './router';
import { segmentsQuery, type SegmentSummary } from './SegmentPicker';
import { definitionOf, SegmentEditor, type Draft } from './SegmentsEditor';
import { SegmentHistoryChart } from './SegmentsHistory';

const go = (href: string) => (e: React.MouseEvent) => {
  e.preventDefault();
  navigate(href);
};

/** Segments with their member counts and how they moved; "New segment" opens the editor. */
export function Segments() {
  const { t, i18n } = useTranslation();
  const segments = useQuery(segmentsQuery);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  if (segments.error) return <p role="alert">{t('errorTitle')}: {segments.error.message}</p>;
  return (
    <>
      <h1>{t('seg_segments')}</h1>
      <div className="row">
        <a className="button-link" href="/app/segments/new" onClick={go('/app/segments/new')}>
          {t('seg_new')}
        </a>
        <small className="muted">{t('seg_freshness')}</small>
      </div>
      {segments.isPending && <p>{t('loading')}</p>}
      {segments.data?.data.length === 0 && <p className="muted">{t('seg_none')}</p>}
      {segments.data && segments.data.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('name')}</th>
              <th>{t('seg_members')}</th>
              <th>{t('seg_history')}</th>
              <th>{t('seg_computedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {segments.data.data.map((s) => (
              <tr key={s.id} onClick={() => navigate(`/app/segments/${s.id}`)}>
                <td>
                  <a href={`/app/segments/${s.id}`} onClick={go(`/app/segments/${s.id}`)}>
                    {s.name}
                  </a>
                  {s.description && <small className="muted"> {s.description}</small>}
                </td>
                <td data-testid="segment-members">{s.members.toLocaleString(i18n.language)}</td>
                <td>
                  <SegmentHistoryChart id={s.id} label={`${t('seg_history')}: ${s.name}`} />
                </td>
                <td>{s.computedAt ? when.format(new Date(s.computedAt)) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** A new segment: the editor; saving computes its members and opens it. */
export function NewSegment() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: (d: Draft) => api<SegmentSummary>('/api/v1/segments', { method: 'POST', body: JSON.stringify({ name: d.name, description: d.description, ...definitionOf(d) }) }),
    onSuccess: (s) => {
      void client.invalidateQueries({ queryKey: ['dynamic-segments'] });
      navigate(`/app/segments/${s.id}`);
    },
  });
  return (
    <>
      <h1>{t('seg_new')}</h1>
      <SegmentEditor
        initial={{ name: '', description: '', match: 'all', conditions: [{ kind: 'nps_group', groups: ['promoter'] }] }}
        saving={create.isPending}
        error={create.error?.message}
        onSave={(d) => create.mutate(d)}
      />
    </>
  );
}

/** One segment: edit it, recompute, see its history and members, invite them to a survey. */
export function SegmentPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const segment = useQuery({ queryKey: ['dynamic-segment', id], queryFn: () => api<SegmentSummary>(`/api/v1/segments/${id}`) });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['dynamic-segments'] });
    void client.invalidateQueries({ queryKey: ['dynamic-segment', id] });
    void client.invalidateQueries({ queryKey: ['segment-history', id] });
    void client.invalidateQueries({ queryKey: ['segment-members', id] });
  };
  const save = useMutation({
    mutationFn: (d: Draft) => api(`/api/v1/segments/${id}`, { method: 'PATCH', body: JSON.stringify({ name: d.name, description: d.description, ...definitionOf(d) }) }),
    onSuccess: refresh,
  });
  const recompute = useMutation({ mutationFn: () => api(`/api/v1/segments/${id}/recompute?wait=true`, { method: 'POST' }), onSuccess: refresh });
  const remove = useMutation({
    mutationFn: () => api(`/api/v1/segments/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['dynamic-segments'] });
      navigate('/app/segments');
    },
  });
  if (segment.error) return <p role="alert">{t('errorTitle')}: {segment.error.message}</p>;
  if (!segment.data) return <p>{t('loading')}</p>;
  const s = segment.data;
  return (
    <>
      <h1>
        {s.name} <small className="muted">{t('seg_membersN', { count: s.members })}</small>
      </h1>
      <SegmentEditor
        key={s.id}
        initial={{ name: s.name, description: s.description, match: s.match, conditions: s.conditions.map(fromApi) }}
        saving={save.isPending}
        error={save.error?.message}
        onSave={(d) => save.mutate(d)}
      />
      <div className="row">
        <button type="button" onClick={() => recompute.mutate()} disabled={recompute.isPending}>
          {t('seg_recompute')}
        </button>
        <small className="muted">
          {s.computedAt && `${t('seg_computedAt')}: ${new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(s.computedAt))} (${s.computeMs} ms)`}
        </small>
        <span className="spacer" />
        <button type="button" className="link" onClick={() => window.confirm(t('seg_confirmDelete')) && remove.mutate()}>
          {t('seg_delete')}
        </button>
      </div>
      <div className="tiles two">
        <section className="tile">
          <h2>{t('seg_history')}</h2>
          <SegmentHistoryChart id={s.id} label={`${t('seg_history')}: ${s.name}`} height={160} width={320} />
        </section>
        <InviteSegment id={s.id} />
      </div>
      <Members id={s.id} />
    </>
  );
}

/** Attribute values are edited as text; lists as "a, b". */
function fromApi(c: Record<string, unknown>) {
  return { ...c, kind: String(c.kind), ...(Array.isArray(c.value) ? { value: c.value.join(', ') } : {}) };
}

function Members({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <section>
      <h2>{t('seg_members')}</h2>
      <label className="filters">
        <span className="sr-only">{t('seg_search')}</span>
        <input
          type="search"
          placeholder={t('seg_search')}
          aria-label={t('seg_search')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPages([undefined]);
          }}
        />
      </label>
      <table className="table">
        <thead>
          <tr>
            <th>{t('customers')}</th>
            <th>E-mail</th>
            <th>{t('seg_since')}</th>
          </tr>
        </thead>
        {pages.map((after) => (
          <MembersPage key={after ?? ''} id={id} q={q.trim()} after={after} day={day} onMore={(next) => setPages((p) => (p.includes(next) ? p : [...p, next]))} />
        ))}
      </table>
    </section>
  );
}

function MembersPage({ id, q, after, day, onMore }: { id: string; q: string; after?: string; day: Intl.DateTimeFormat; onMore: (after: string) => void }) {
  const { t } = useTranslation();
  const query = new URLSearchParams({ limit: '50', ...(q && { q }), ...(after && { after }) });
  const page = useQuery({
    queryKey: ['segment-members', id, query.toString()],
    queryFn: () => api<{ data: { id: string; name: string | null; email: string | null; since: string }[]; nextAfter: string | null }>(`/api/v1/segments/${id}/members?${query}`),
  });
  return (
    <tbody>
      {page.data?.data.map((m) => (
        <tr key={m.id} onClick={() => navigate(`/app/customers/${encodeURIComponent(m.id)}`)}>
          <td>
            <a href={`/app/customers/${encodeURIComponent(m.id)}`} onClick={go(`/app/customers/${encodeURIComponent(m.id)}`)}>
              {m.name ?? m.id}
            </a>{' '}
            <small className="muted">{m.id}</small>
          </td>
          <td>{m.email ?? '—'}</td>
          <td>{day.format(new Date(m.since))}</td>
        </tr>
      ))}
      {page.data?.nextAfter && (
        <tr>
          <td colSpan={3}>
            <button type="button" className="link" onClick={() => onMore(page.data.nextAfter!)}>
              {t('seg_more')}
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}

/** Audience: every member with an e-mail and consent gets an invitation (survey fatigue still applies). */
function InviteSegment({ id }: { id: string }) {
  const { t } = useTranslation();
  const surveys = useQuery({ queryKey: ['surveys'], queryFn: () => api<{ data: SurveySummary[] }>('/api/v1/surveys') });
  const active = (surveys.data?.data ?? []).filter((s) => s.status === 'active');
  const [surveyId, setSurveyId] = useState('');
  const invite = useMutation({
    mutationFn: () => api<{ queued: number; skipped: number }>(`/api/v1/surveys/${surveyId || active[0]?.id}/invitations/segment`, { method: 'POST', body: JSON.stringify({ segmentId: id }) }),
  });
  return (
    <section className="tile">
      <h2>{t('seg_invite')}</h2>
      <div className="row">
        <select aria-label={t('surveys')} value={surveyId || active[0]?.id || ''} onChange={(e) => setSurveyId(e.target.value)}>
          {active.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <button type="button" disabled={!active.length || invite.isPending} onClick={() => invite.mutate()}>
          {t('seg_inviteSend')}
        </button>
      </div>
      {invite.data && <p role="status">{t('seg_invited', invite.data)}</p>}
      {invite.error && <p role="alert" className="error">{invite.error.message}</p>}
    </section>
  );
}
