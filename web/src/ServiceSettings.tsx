import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SurveySummary } from './api';
import { PRIORITIES } from './format';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Target = { firstResponseMinutes: number | null; resolutionMinutes: number | null };
interface ServiceSettingsData {
  calendar: { timezone: string; hours: Partial<Record<(typeof WEEKDAYS)[number], [string, string][]>>; holidays: string[] };
  sla: Record<string, Target>;
  slaClock: 'business' | 'calendar';
  resolutionSurveyId: string | null;
}

/** "09:00-13:00, 14:00-17:00" ⇄ [["09:00","13:00"],["14:00","17:00"]]; empty = closed. */
const showHours = (intervals: [string, string][] | undefined) => (intervals ?? []).map(([a, b]) => `${a}-${b}`).join(', ');
function readHours(text: string): [string, string][] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.split(/\s*[-–]\s*/) as [string, string]);
}
const hours = (minutes: number | null) => (minutes === null ? '' : String(minutes / 60));
const minutes = (text: FormDataEntryValue | null) => (text && String(text).trim() ? Math.round(Number(String(text).replace(',', '.')) * 60) : null);

/** Opening hours, holidays and SLA targets: what business-hours FRT/TTR and SLA deadlines count. */
export function ServiceSettings() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ['service-settings'], queryFn: () => api<ServiceSettingsData>('/api/v1/service-settings') });
  const surveys = useQuery({ queryKey: ['surveys'], queryFn: () => api<{ data: SurveySummary[] }>('/api/v1/surveys') });
  const [saved, setSaved] = useState('');
  const save = useMutation({
    mutationFn: (body: unknown) => api<{ recomputedCases: number }>('/api/v1/service-settings', { method: 'PUT', body: JSON.stringify(body) }),
    onSuccess: (r) => {
      setSaved(t('savedRecomputed', { count: r.recomputedCases }));
      void client.invalidateQueries({ queryKey: ['service-settings'] });
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
  if (!settings.data) return null;
  const s = settings.data;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    save.mutate({
      calendar: {
        timezone: String(f.get('timezone')),
        hours: Object.fromEntries(WEEKDAYS.map((d) => [d, readHours(String(f.get(`hours-${d}`) ?? ''))])),
        holidays: String(f.get('holidays') ?? '').split(/[\s,]+/).filter(Boolean),
      },
      sla: Object.fromEntries(PRIORITIES.map((p) => [p, { firstResponseMinutes: minutes(f.get(`frt-${p}`)), resolutionMinutes: minutes(f.get(`ttr-${p}`)) }])),
      slaClock: f.get('slaClock'),
      resolutionSurveyId: f.get('resolutionSurveyId') || null,
    });
  };
  return (
    <form className="tile" onSubmit={submit} aria-label={t('serviceSettings')}>
      <h2>{t('serviceSettings')}</h2>
      <div className="filters">
        <label>
          {t('timezone')}
          <input name="timezone" defaultValue={s.calendar.timezone} />
        </label>
        {WEEKDAYS.map((d) => (
          <label key={d}>
            {t(`weekday_${d}`)}
            <input name={`hours-${d}`} defaultValue={showHours(s.calendar.hours[d])} placeholder="09:00-17:00" size={12} />
          </label>
        ))}
      </div>
      <label className="field">
        {t('holidays')}
        <input name="holidays" defaultValue={s.calendar.holidays.join(', ')} placeholder="2026-12-25, 2026-12-26" />
      </label>
      <table className="table">
        <thead>
          <tr>
            <th>{t('priority')}</th>
            <th>{t('frtTargetHours')}</th>
            <th>{t('ttrTargetHours')}</th>
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((p) => (
            <tr key={p}>
              <td>{t(`priority_${p}`)}</td>
              <td>
                <input name={`frt-${p}`} aria-label={`${t('frtTargetHours')} · ${t(`priority_${p}`)}`} defaultValue={hours(s.sla[p]?.firstResponseMinutes ?? null)} inputMode="decimal" size={6} />
              </td>
              <td>
                <input name={`ttr-${p}`} aria-label={`${t('ttrTargetHours')} · ${t(`priority_${p}`)}`} defaultValue={hours(s.sla[p]?.resolutionMinutes ?? null)} inputMode="decimal" size={6} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="filters">
        <label>
          {t('slaClock')}
          <select name="slaClock" defaultValue={s.slaClock}>
            <option value="business">{t('businessHours')}</option>
            <option value="calendar">{t('calendarHours')}</option>
          </select>
        </label>
        <label>
          {t('resolutionSurvey')}
          <select name="resolutionSurveyId" defaultValue={s.resolutionSurveyId ?? ''}>
            <option value="">{t('none')}</option>
            {(surveys.data?.data ?? []).map((sv) => (
              <option key={sv.id} value={sv.id}>
                {sv.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="row">
        <button type="submit" className="primary">{t('save')}</button>
        {saved && !save.error && <span role="status">{saved}</span>}
        {save.error && <span role="alert" className="error">{save.error.message}</span>}
      </div>
    </form>
  );
}
