/** Calls the Opinia API with the session cookie; errors carry the API's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, {
    credentials: 'same-origin',
    ...init,
    headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
  });
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, body?.error?.message ?? res.statusText);
  return body as T;
}

export interface Me {
  kind: string;
  role: string | null;
  workspace: { id: string; name: string; timezone: string };
  workspaces: { id: string; name: string; role: string }[];
}

export interface SurveySummary {
  id: string;
  name: string;
  status: string;
}

export interface MetricQuestion {
  questionId: string;
  type: 'nps' | 'csat' | 'ces' | 'rating';
  title: Record<string, string>;
  n: number;
  score?: number | null;
  mean?: number | null;
  easyShare?: number | null;
  promoters?: number;
  passives?: number;
  detractors?: number;
  marginOfError95: number | null;
  distribution: Record<string, number>;
  change: { change: number | null; significant: boolean; test: string; pValue: number | null };
  trend: ({ period: string; n: number; score?: number | null; mean?: number | null; marginOfError95: number | null })[];
}

export interface Metrics {
  from: string;
  to: string;
  interval: string;
  questions: MetricQuestion[];
}
