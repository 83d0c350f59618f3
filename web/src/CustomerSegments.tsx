import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { navigate } from './router';

/** The segments a customer is in now, each a link to the segment. */
export function CustomerSegments({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const segments = useQuery({
    queryKey: ['segments', 'of', customerId],
    queryFn: () => api<{ data: { id: string; name: string }[] }>(`/api/v1/segments?customerId=${encodeURIComponent(customerId)}`),
  });
  if (!segments.data) return null;
  return (
    <div className="tile" role="region" aria-label={t('seg_segments')}>
      <h2>{t('seg_segments')}</h2>
      {segments.data.data.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <p>
          {segments.data.data.map((s) => (
            <a key={s.id} className="badge" href={`/app/segments/${s.id}`} onClick={(e) => (e.preventDefault(), navigate(`/app/segments/${s.id}`))}>
              {s.name}
            </a>
          ))}
        </p>
      )}
    </div>
  );
}
