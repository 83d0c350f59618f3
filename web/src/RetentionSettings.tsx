import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';

interface Data {
  purchaseEvents: string[];
  amountProperty: string;
  currency: string;
}

/** What retention analytics count as a purchase, and in which currency. */
export function RetentionSettings() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ['retention-settings'], queryFn: () => api<Data>('/api/v1/retention/settings') });
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: unknown) => api<Data>('/api/v1/retention/settings', { method: 'PUT', body: JSON.stringify(body) }),
    onSuccess: (data) => {
      client.setQueryData(['retention-settings'], data);
      void client.invalidateQueries({ queryKey: ['retention'] });
      setSaved(true);
    },
  });
  if (!settings.data) return null;
  const s = settings.data;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    save.mutate({
      purchaseEvents: String(f.get('purchaseEvents')).split(',').map((x) => x.trim()).filter(Boolean),
      amountProperty: String(f.get('amountProperty')).trim(),
      currency: String(f.get('currency')).trim().toUpperCase(),
    });
  };
  return (
    <form className="tile" onSubmit={submit} aria-label={t('retentionSettings')}>
      <h2>{t('retentionSettings')}</h2>
      <div className="filters">
        <label>
          {t('purchaseEvents')}
          <input name="purchaseEvents" defaultValue={s.purchaseEvents.join(', ')} size={36} />
        </label>
        <label>
          {t('amountProperty')}
          <input name="amountProperty" defaultValue={s.amountProperty} />
        </label>
        <label>
          {t('currency')}
          <input name="currency" defaultValue={s.currency} size={4} maxLength={3} />
        </label>
      </div>
      <div className="row">
        <button type="submit" className="primary">{t('save')}</button>
        {saved && !save.error && <span role="status">{t('saved')}</span>}
        {save.error && <span role="alert" className="error">{save.error.message}</span>}
      </div>
    </form>
  );
}
