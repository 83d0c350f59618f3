import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './api';

export interface SegmentSummary {
  id: string;
  name: string;
  description: string;
  match: 'all' | 'any';
  conditions: Record<string, unknown>[];
  members: number;
  computedAt: string | null;
  computeMs: number | null;
}

export const segmentsQuery = { queryKey: ['dynamic-segments'], queryFn: () => api<{ data: SegmentSummary[] }>('/api/v1/segments') };

/** Narrows a dashboard to the customers now in one segment (the `segmentId` URL parameter). */
export function SegmentPicker({ value, onChange }: { value: string; onChange: (segmentId: string | undefined) => void }) {
  const { t } = useTranslation();
  const segments = useQuery(segmentsQuery);
  if (!segments.data?.data.length) return null;
  return (
    <label>
      {t('seg_segment')}
      <select value={value} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{t('seg_allCustomers')}</option>
        {segments.data.data.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({s.members.toLocaleString()})
          </option>
        ))}
      </select>
    </label>
  );
}
