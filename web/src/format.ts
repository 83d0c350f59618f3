import type { TFunction } from 'i18next';

/** A duration as people say it: minutes under an hour, hours under two days, then days. */
export function formatDuration(seconds: number | null | undefined, t: TFunction): string {
  if (seconds === null || seconds === undefined) return '—';
  const abs = Math.abs(seconds);
  if (abs < 3600) return t('minutesShort', { value: Math.round(abs / 60) });
  if (abs < 48 * 3600) return t('hoursShort', { value: (abs / 3600).toFixed(1) });
  return t('daysShort', { value: (abs / 86400).toFixed(1) });
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const STAGES = ['awareness', 'consideration', 'purchase', 'onboarding', 'usage', 'service', 'renewal', 'advocacy'] as const;
export const CHANNELS = ['web', 'app', 'email', 'phone', 'store', 'chat', 'social'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
