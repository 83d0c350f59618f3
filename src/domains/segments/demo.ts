import type { Db } from '../../db/connect.js';
import type { SegmentInputData } from './schema.js';
import { createSegment } from './service.js';

/** Segments a CX team starts with; each shows one kind of rule. */
export const DEMO_SEGMENTS: SegmentInputData[] = [
  {
    name: 'Frequent buyers',
    description: 'Three or more orders in the last 90 days',
    match: 'all',
    conditions: [{ kind: 'event_count', event: 'order_placed', op: 'gte', count: 3, withinDays: 90 }],
  },
  {
    name: 'Detractors in service',
    description: 'Latest NPS 0–6 and their latest touchpoint is with customer service',
    match: 'all',
    conditions: [{ kind: 'nps_group', groups: ['detractor'] }, { kind: 'stage', stages: ['service'] }],
  },
  {
    name: 'Sleeping customers',
    description: 'No touchpoint in the last 60 days',
    match: 'all',
    conditions: [{ kind: 'inactive', days: 60 }],
  },
  {
    name: 'Promoters to ask for a review',
    description: 'Latest NPS 9–10 and agreed to e-mails',
    match: 'all',
    conditions: [{ kind: 'nps_group', groups: ['promoter'] }, { kind: 'consent', purpose: 'email', given: true }],
  },
];

/** Adds the demo segments that are not there yet (seeding twice adds nothing). */
export async function seedDemoSegments(db: Db, workspaceId: string): Promise<number> {
  const existing = new Set((await db.kysely.selectFrom('segments').select('name').where('workspace_id', '=', workspaceId).execute()).map((s) => s.name));
  let added = 0;
  for (const segment of DEMO_SEGMENTS.filter((s) => !existing.has(s.name))) {
    await createSegment(db.kysely, workspaceId, segment);
    added++;
  }
  return added;
}
