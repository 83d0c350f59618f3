// Formatting a date in a time zone costs a few microseconds; one formatter per zone is reused.
const formatters = new Map<string, Intl.DateTimeFormat>();

// Ingest asks for "today" thousands of times a second; the answer changes once a minute at most.
const recent = new Map<string, { minute: number; day: string }>();

/** The calendar day (YYYY-MM-DD) of an instant in a workspace's time zone. */
export function localDay(at: Date, timeZone: string): string {
  const minute = Math.floor(at.getTime() / 60_000);
  const hit = recent.get(timeZone);
  if (hit && hit.minute === minute) return hit.day;
  const day = formatDay(at, timeZone);
  recent.set(timeZone, { minute, day });
  return day;
}

function formatDay(at: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(at);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
