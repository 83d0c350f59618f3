import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';

interface MailSettingsData {
  smtp: { host: string; port: number; secure: boolean; user: string | null; passwordSet: boolean } | null;
  from: string | null;
  effective: { source: 'workspace' | 'server' | 'none'; from: string };
}

/** The workspace's own SMTP server and sender for invitations, reminders and alerts, with a test e-mail. */
export function MailSettings() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ['mail-settings'], queryFn: () => api<MailSettingsData>('/api/v1/settings/mail') });
  const [own, setOwn] = useState<boolean | null>(null);
  const [status, setStatus] = useState('');
  const [testTo, setTestTo] = useState('');
  const save = useMutation({
    mutationFn: (body: unknown) => api<MailSettingsData>('/api/v1/settings/mail', { method: 'PUT', body: JSON.stringify(body) }),
    onSuccess: (data) => {
      client.setQueryData(['mail-settings'], data);
      setStatus(t('saved'));
    },
  });
  const probe = useMutation({
    mutationFn: (to: string) => api('/api/v1/settings/mail/test', { method: 'POST', body: JSON.stringify({ to }) }),
    onSuccess: () => setStatus(t('testMailSent')),
  });
  if (!settings.data) return null;
  const s = settings.data;
  const useOwn = own ?? s.smtp !== null;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const password = String(f.get('password') ?? '');
    const user = String(f.get('user') ?? '').trim();
    save.mutate({
      from: String(f.get('from') ?? '').trim() || null,
      smtp: useOwn
        ? { host: String(f.get('host')).trim(), port: Number(f.get('port')), secure: f.get('secure') === 'on', ...(user && { user }), ...(password && { password }) }
        : null,
    });
  };
  const error = save.error ?? probe.error;
  return (
    <form className="tile" onSubmit={submit} aria-label={t('mailSettings')}>
      <h2>{t('mailSettings')}</h2>
      <p className="muted">{t(`mailSource_${s.effective.source}`)}</p>
      <label className="field">
        {t('mailFrom')}
        <input name="from" defaultValue={s.from ?? ''} placeholder={s.effective.from} maxLength={320} />
      </label>
      <label>
        <input type="checkbox" checked={useOwn} onChange={(e) => setOwn(e.target.checked)} /> {t('ownSmtpServer')}
      </label>
      {useOwn && (
        <div className="filters">
          <label>
            {t('smtpHost')}
            <input name="host" required defaultValue={s.smtp?.host ?? ''} placeholder="smtp.example.com" />
          </label>
          <label>
            {t('smtpPort')}
            <input name="port" type="number" min={1} max={65535} defaultValue={s.smtp?.port ?? 587} />
          </label>
          <label>
            <input name="secure" type="checkbox" defaultChecked={s.smtp?.secure ?? false} /> TLS (465)
          </label>
          <label>
            {t('smtpUser')}
            <input name="user" defaultValue={s.smtp?.user ?? ''} autoComplete="off" />
          </label>
          <label>
            {t('smtpPassword')}
            <input name="password" type="password" autoComplete="new-password" placeholder={s.smtp?.passwordSet ? t('passwordKept') : ''} />
          </label>
        </div>
      )}
      <div className="row">
        <button type="submit" className="primary">{t('save')}</button>
        <label>
          <span className="sr-only">{t('testMailTo')}</span>
          <input type="email" value={testTo} onChange={(e) => setTestTo(e.target.value)} placeholder={t('testMailTo')} aria-label={t('testMailTo')} />
        </label>
        <button type="button" disabled={!testTo || probe.isPending} onClick={() => probe.mutate(testTo)}>
          {t('sendTestMail')}
        </button>
        {status && !error && <span role="status">{status}</span>}
        {error && <span role="alert" className="error">{error.message}</span>}
      </div>
    </form>
  );
}
