import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';

export function Login({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError('');
    try {
      await api('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ email: form.get('email'), password: form.get('password') }) });
      onDone();
    } catch {
      setError(t('loginFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form onSubmit={(e) => void submit(e)} className="card">
        <h1>{t('appName')}</h1>
        <label>
          {t('email')}
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {t('login')}
        </button>
      </form>
    </main>
  );
}
