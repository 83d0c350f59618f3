import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { MailSettings } from './MailSettings';
import { RetentionSettings } from './RetentionSettings';
import { ServiceSettings } from './ServiceSettings';

interface Member {
  userId: string;
  email: string;
  name: string;
  role: string;
}
interface ApiKey {
  id: string;
  name: string;
  scope: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const ROLES = ['owner', 'admin', 'analyst', 'agent', 'viewer'];

/** Members and their roles, and API keys (the secret is shown once, right after creation). */
export function Settings() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const members = useQuery({ queryKey: ['members'], queryFn: () => api<{ data: Member[] }>('/api/v1/members') });
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => api<{ data: ApiKey[] }>('/api/v1/api-keys'), retry: false });
  const [secret, setSecret] = useState('');
  const [error, setError] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: ['members'] }).then(() => client.invalidateQueries({ queryKey: ['api-keys'] }));
  const run = useMutation({
    mutationFn: (call: () => Promise<unknown>) => call(),
    onSuccess: () => {
      setError('');
      void refresh();
    },
    onError: (err: Error) => setError(err.message),
  });
  const addMember = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    run.mutate(() =>
      api('/api/v1/members', {
        method: 'POST',
        body: JSON.stringify({ email: f.get('email'), name: f.get('name') || undefined, password: f.get('password') || undefined, role: f.get('role') }),
      }),
    );
  };
  const createKey = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    run.mutate(async () => {
      const created = await api<{ key: string }>('/api/v1/api-keys', { method: 'POST', body: JSON.stringify({ name: f.get('name'), scope: f.get('scope') }) });
      setSecret(created.key);
    });
  };
  return (
    <>
      <h1>{t('settings')}</h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <h2>{t('members')}</h2>
      <table className="table">
        <tbody>
          {members.data?.data.map((m) => (
            <tr key={m.userId}>
              <td>{m.name}</td>
              <td>{m.email}</td>
              <td>
                <select
                  aria-label={`${t('role')}: ${m.email}`}
                  value={m.role}
                  onChange={(e) => run.mutate(() => api(`/api/v1/members/${m.userId}`, { method: 'PATCH', body: JSON.stringify({ role: e.target.value }) }))}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`role_${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button type="button" className="link" onClick={() => run.mutate(() => api(`/api/v1/members/${m.userId}`, { method: 'DELETE' }))}>
                  {t('remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="filters" onSubmit={addMember}>
        <label>
          {t('email')}
          <input name="email" type="email" required />
        </label>
        <label>
          {t('name')}
          <input name="name" />
        </label>
        <label>
          {t('passwordForNew')}
          <input name="password" type="password" minLength={10} />
        </label>
        <label>
          {t('role')}
          <select name="role" defaultValue="analyst">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role_${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('addMember')}
        </button>
      </form>
      {keys.data && (
        <>
          <h2>{t('apiKeys')}</h2>
          {secret && (
            <p className="secret" role="status">
              {t('keyShownOnce')} <code data-testid="new-key">{secret}</code>
            </p>
          )}
          <table className="table">
            <tbody>
              {keys.data.data.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>{k.scope}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{k.revoked_at ? t('revoked') : <button type="button" className="link" onClick={() => run.mutate(() => api(`/api/v1/api-keys/${k.id}`, { method: 'DELETE' }))}>{t('revoke')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form className="filters" onSubmit={createKey}>
            <label>
              {t('keyName')}
              <input name="name" required />
            </label>
            <label>
              {t('scope')}
              <select name="scope" defaultValue="collect">
                {['collect', 'read', 'admin'].map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="primary">
              {t('createKey')}
            </button>
          </form>
        </>
      )}
      <ServiceSettings />
      <MailSettings />
      <RetentionSettings />
    </>
  );
}
