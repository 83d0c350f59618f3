import { addBusinessSeconds, businessSeconds } from '../../metrics/business-hours.js';
import type { ServiceSettings } from './settings.js';

export type CaseStatus = 'open' | 'pending' | 'resolved' | 'closed';
const DONE = new Set<CaseStatus>(['resolved', 'closed']);

export interface CaseEventLike {
  kind: string;
  direction: string | null;
  data: { to?: string };
  at: Date;
}

export interface CaseState {
  status: CaseStatus;
  firstResponseAt: Date | null;
  /** The final resolution: the last move from an open state to resolved or closed. */
  resolvedAt: Date | null;
  reopenCount: number;
}

/**
 * Replays a case's events in time order. The first agent reply is the first response; a
 * resolution counts only if the case was not reopened after it, so a reopened case's time to
 * resolution runs until its final resolution.
 */
export function replayCase(createdAt: Date, events: readonly CaseEventLike[]): CaseState {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const state: CaseState = { status: 'open', firstResponseAt: null, resolvedAt: null, reopenCount: 0 };
  for (const e of sorted) {
    if (e.kind === 'reply' && e.direction === 'agent' && !state.firstResponseAt && e.at >= createdAt) state.firstResponseAt = e.at;
    if (e.kind !== 'status' || !e.data.to) continue;
    const to = e.data.to as CaseStatus;
    const wasDone = DONE.has(state.status);
    if (DONE.has(to) && !wasDone) state.resolvedAt = e.at;
    if (!DONE.has(to) && wasDone) {
      state.resolvedAt = null;
      state.reopenCount++;
    }
    state.status = to;
  }
  return state;
}

export interface CaseTimes {
  frtSeconds: number | null;
  frtBusinessSeconds: number | null;
  ttrSeconds: number | null;
  ttrBusinessSeconds: number | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

/** FRT and TTR in calendar and business seconds, and the SLA deadlines of the priority. */
export function caseTimes(createdAt: Date, priority: string, state: CaseState, settings: ServiceSettings): CaseTimes {
  const calendarSpan = (end: Date | null) => (end ? (end.getTime() - createdAt.getTime()) / 1000 : null);
  const businessSpan = (end: Date | null) => (end ? businessSeconds(createdAt, end, settings.calendar) : null);
  const target = settings.sla[priority as keyof ServiceSettings['sla']];
  const due = (minutes: number | null | undefined) => {
    if (!minutes) return null;
    return settings.slaClock === 'business'
      ? addBusinessSeconds(createdAt, minutes * 60, settings.calendar)
      : new Date(createdAt.getTime() + minutes * 60_000);
  };
  return {
    frtSeconds: calendarSpan(state.firstResponseAt),
    frtBusinessSeconds: businessSpan(state.firstResponseAt),
    ttrSeconds: calendarSpan(state.resolvedAt),
    ttrBusinessSeconds: businessSpan(state.resolvedAt),
    firstResponseDueAt: due(target?.firstResponseMinutes),
    resolutionDueAt: due(target?.resolutionMinutes),
  };
}

export interface SlaView {
  firstResponse: { dueAt: Date | null; breached: boolean; dueInSeconds: number | null };
  resolution: { dueAt: Date | null; breached: boolean; dueInSeconds: number | null };
}

/** Breach flags and "due in" (null once met or without a target; negative when overdue). */
export function slaView(
  c: { first_response_at: Date | null; resolved_at: Date | null; first_response_due_at: Date | null; resolution_due_at: Date | null },
  now = new Date(),
): SlaView {
  const one = (dueAt: Date | null, metAt: Date | null) => ({
    dueAt,
    breached: dueAt ? (metAt ?? now).getTime() > dueAt.getTime() : false,
    dueInSeconds: dueAt && !metAt ? Math.round((dueAt.getTime() - now.getTime()) / 1000) : null,
  });
  return { firstResponse: one(c.first_response_due_at, c.first_response_at), resolution: one(c.resolution_due_at, c.resolved_at) };
}
