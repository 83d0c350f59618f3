import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { segmentsQuery } from './SegmentPicker';

export interface SendingSettings {
  allowRepeat?: boolean;
  reminderAfterDays?: number;
  recurEveryDays?: number;
  recurSegmentId?: string;
  widgetEvent?: string;
}

/** How a survey reaches people again: repeats, one reminder, a recurring schedule, the widget's event. */
export function SurveySending({ value, onChange }: { value: SendingSettings; onChange: (next: SendingSettings) => void }) {
  const { t } = useTranslation();
  const segments = useQuery(segmentsQuery);
  const set = (key: keyof SendingSettings, v: SendingSettings[keyof SendingSettings]) => {
    const next = { ...value, [key]: v };
    if (v === undefined || v === '') delete next[key];
    onChange(next);
  };
  const days = (text: string) => (text.trim() ? Math.round(Number(text)) : undefined);
  return (
    <fieldset className="question-edit">
      <legend>{t('surveySending')}</legend>
      <label>
        <input type="checkbox" checked={value.allowRepeat ?? false} onChange={(e) => set('allowRepeat', e.target.checked)} /> {t('allowRepeat')}
      </label>
      <div className="filters">
        <label>
          {t('reminderAfterDays')}
          <input type="number" min={1} max={30} value={value.reminderAfterDays ?? ''} onChange={(e) => set('reminderAfterDays', days(e.target.value))} />
        </label>
        <label>
          {t('recurEveryDays')}
          <input type="number" min={7} max={730} placeholder="90" value={value.recurEveryDays ?? ''} onChange={(e) => set('recurEveryDays', days(e.target.value))} />
        </label>
        <label>
          {t('recurSegment')}
          <select value={value.recurSegmentId ?? ''} onChange={(e) => set('recurSegmentId', e.target.value || undefined)} disabled={!value.recurEveryDays}>
            <option value="">{t('everyone')}</option>
            {(segments.data?.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('widgetEvent')}
          <input value={value.widgetEvent ?? ''} placeholder="checkout_completed" pattern="[A-Za-z0-9_.:-]{1,64}" onChange={(e) => set('widgetEvent', e.target.value.trim() || undefined)} />
        </label>
      </div>
      <small className="muted">{t('surveySendingHelp')}</small>
    </fieldset>
  );
}
