import { z } from 'zod';
import type { BusinessCalendar } from '../../metrics/business-hours.js';
import { isValidTimeZone } from '../responses/local-day.js';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.output<typeof Priority>;

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use HH:MM, e.g. 09:00');
const Interval = z.tuple([Time, Time]).refine(([a, b]) => a < b, 'opens before it closes');
const Day = z.array(Interval).max(6);

export const CalendarInput = z.strictObject({
  timezone: z.string().max(64).refine(isValidTimeZone, 'is not an IANA time zone such as Europe/Warsaw').optional()
    .describe("Defaults to the workspace's time zone"),
  hours: z.strictObject({ mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day }).partial(),
  holidays: z.array(z.iso.date()).max(400).default([]),
});

const Target = z.strictObject({
  firstResponseMinutes: z.number().int().min(1).max(525_600).nullable(),
  resolutionMinutes: z.number().int().min(1).max(525_600).nullable(),
});

export const ServiceSettingsInput = z.strictObject({
  calendar: CalendarInput.optional(),
  sla: z.partialRecord(Priority, Target).optional(),
  slaClock: z.enum(['business', 'calendar']).optional().describe('Whether SLA targets count opening hours or all hours'),
  resolutionSurveyId: z.uuid().nullable().optional().describe('Survey to invite the customer to when their case is resolved'),
});
export type ServiceSettingsInputData = z.output<typeof ServiceSettingsInput>;

export interface ServiceSettings {
  calendar: BusinessCalendar;
  sla: Record<Priority, { firstResponseMinutes: number | null; resolutionMinutes: number | null }>;
  slaClock: 'business' | 'calendar';
  resolutionSurveyId: string | null;
}

const WEEKDAY_HOURS: [string, string][] = [['09:00', '17:00']];

/** Defaults: Monday to Friday 9–17 and targets that a small service team can keep. */
export function defaultServiceSettings(timezone: string): ServiceSettings {
  return {
    calendar: { timezone, hours: { mon: WEEKDAY_HOURS, tue: WEEKDAY_HOURS, wed: WEEKDAY_HOURS, thu: WEEKDAY_HOURS, fri: WEEKDAY_HOURS }, holidays: [] },
    sla: {
      urgent: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
      high: { firstResponseMinutes: 4 * 60, resolutionMinutes: 16 * 60 },
      normal: { firstResponseMinutes: 8 * 60, resolutionMinutes: 40 * 60 },
      low: { firstResponseMinutes: 16 * 60, resolutionMinutes: 80 * 60 },
    },
    slaClock: 'business',
    resolutionSurveyId: null,
  };
}

/** The stored settings over the defaults. */
export function serviceSettingsOf(workspace: { timezone: string; service_settings: Record<string, unknown> }): ServiceSettings {
  const stored = workspace.service_settings as Partial<ServiceSettingsInputData>;
  const base = defaultServiceSettings(workspace.timezone);
  return {
    calendar: stored.calendar
      ? { timezone: stored.calendar.timezone ?? workspace.timezone, hours: stored.calendar.hours, holidays: stored.calendar.holidays ?? [] }
      : base.calendar,
    sla: { ...base.sla, ...stored.sla },
    slaClock: stored.slaClock ?? base.slaClock,
    resolutionSurveyId: stored.resolutionSurveyId ?? null,
  };
}
