import { useTranslation } from 'react-i18next';
import type { SurveySummary } from './api';

/** The survey picker shared by the overview and the responses explorer. */
export function SurveySelect({ surveys, value, onChange }: { surveys: SurveySummary[]; value?: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('survey')}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {surveys.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
