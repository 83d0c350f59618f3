import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { sql } from 'kysely';
import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { matches, type Condition, type Facts } from '../automation/conditions.js';
import { customerFacts } from '../automation/facts.js';
import { fatigueOf } from '../automation/fatigue.js';
import type { Action } from '../automation/schema.js';
import { CustomerId } from '../customers/schema.js';
import { toSurvey } from '../surveys/service.js';
import { invitationRow } from '../automation/invitation-row.js';

const NO_SURVEY = '00000000-0000-0000-0000-000000000000';
const EventName = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'an event name: 1–64 letters, digits, "_", ".", ":" or "-"');

const WidgetAsk = z.strictObject({
  event: EventName,
  customerId: CustomerId.optional(),
  lang: z.string().max(10).optional(),
  properties: z
    .record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), z.union([z.string().max(200), z.number(), z.boolean(), z.null()]))
    .refine((p) => Object.keys(p).length <= 20, 'at most 20 properties')
    .optional(),
});

function prefixed(prefix: string, values: Record<string, string | number | boolean | null> | undefined): Facts {
  return Object.fromEntries(Object.entries(values ?? {}).filter(([, v]) => v !== null).map(([k, v]) => [prefix + k, v]));
}

let bundle: { js: string; gzip: Buffer } | undefined;

/** The widget script, bundled once per process from client/widget.ts (no framework). */
export function widgetScript() {
  if (!bundle) {
    const js = buildSync({
      entryPoints: [new URL('./client/widget.ts', import.meta.url).pathname],
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      write: false,
      logLevel: 'silent',
    }).outputFiles[0]!.text;
    bundle = { js, gzip: gzipSync(js, { level: 9 }) };
  }
  return bundle;
}

const TEXTS: Record<string, { send: string; close: string; thanks: string; low: string; high: string; no: string }> = {
  pl: { send: 'Wyślij', close: 'Zamknij', thanks: 'Dziękujemy za opinię!', low: 'Zdecydowanie nie', high: 'Zdecydowanie tak', no: 'Nie, dziękuję' },
  ro: { send: 'Trimite', close: 'Închide', thanks: 'Mulțumim pentru părere!', low: 'Deloc', high: 'Foarte probabil', no: 'Nu, mulțumesc' },
  en: { send: 'Send', close: 'Close', thanks: 'Thank you for your feedback!', low: 'Not at all', high: 'Extremely likely', no: 'No, thanks' },
};

export function widgetRoutes(app: App) {
  const db = () => app.db.kysely;

  app.get('/widget.js', { schema: { tags: ['Widget'], summary: 'The website widget script (one tag, no framework)', security: [] } }, async (req, reply) => {
    const { js, gzip } = widgetScript();
    reply.header('content-type', 'application/javascript; charset=utf-8').header('cache-control', 'public, max-age=300');
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(gzip);
    return reply.send(js);
  });

  app.post('/api/v1/widget/survey', {
    schema: {
      tags: ['Widget'],
      summary:
        'The survey the widget should show now for a tracked event: the first enabled rule (event_received → show_survey) whose conditions hold, else a survey whose `widgetEvent` is the event; 204 when none, or when survey fatigue says not now',
      body: WidgetAsk,
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'responses:collect');
      const { event, customerId, properties } = req.body;
      const w = await db().selectFrom('workspaces').select(['fatigue_days', 'signing_secret']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
      const customer = customerId
        ? await db().selectFrom('customers').select('attributes').where('workspace_id', '=', workspaceId).where('external_id', '=', customerId).executeTakeFirst()
        : undefined;
      const facts: Facts = { event, channel: 'web', ...prefixed('property.', properties), ...customerFacts(customer?.attributes) };
      const candidates = await surveysToShow(workspaceId, event, facts);
      for (const { row, ruleId } of candidates) {
        const survey = toSurvey(row);
        if (customerId) {
          const fatigue = await fatigueOf(db(), workspaceId, customerId, survey.id, w.fatigue_days);
          if (fatigue.recent) break; // asked lately: no survey at all
          if (fatigue.sameSurvey && !survey.settings.allowRepeat && !survey.settings.recurEveryDays) continue;
          await recordImpression(workspaceId, w.signing_secret, survey.id, customerId);
        }
        if (ruleId) {
          await db()
            .updateTable('rules')
            .set((eb) => ({ fired_count: eb('fired_count', '+', 1), last_fired_at: new Date() }))
            .where('workspace_id', '=', workspaceId)
            .where('id', '=', ruleId)
            .execute();
        }
        const wanted = req.body.lang?.slice(0, 2);
        const language = wanted && survey.languages.includes(wanted as never) ? wanted : survey.defaultLanguage;
        return {
          id: survey.id,
          language,
          // Anonymous visitors keep this many days of quiet in their browser.
          fatigueDays: w.fatigue_days,
          questions: survey.questions.filter((q) => ['nps', 'csat', 'ces', 'text'].includes(q.type)).slice(0, 3).map((q) => ({ id: q.id, type: q.type, title: q.title, required: q.required })),
          texts: TEXTS[language] ?? TEXTS.en,
        };
      }
      return reply.status(204).send();
    },
  });

  /** Active surveys for the event, in order: rules first (oldest rule first), then surveys by their own event. */
  async function surveysToShow(workspaceId: string, event: string, facts: Facts) {
    const rules = await db()
      .selectFrom('rules')
      .select(['id', 'match', 'conditions', 'actions'])
      .where('workspace_id', '=', workspaceId)
      .where('enabled', '=', true)
      .where('trigger', '=', 'event_received')
      .where(sql<boolean>`actions @> '[{"type": "show_survey"}]'`)
      .orderBy('created_at')
      .execute();
    const chosen: { surveyId: string; ruleId: string | null }[] = [];
    for (const rule of rules) {
      if (!matches(rule.conditions as Condition[], rule.match as 'all' | 'any', facts)) continue;
      for (const a of rule.actions as Action[]) if (a.type === 'show_survey') chosen.push({ surveyId: a.surveyId, ruleId: rule.id });
    }
    const rows = await db()
      .selectFrom('surveys')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'active')
      .where((eb) => eb.or([eb('id', 'in', chosen.length ? chosen.map((c) => c.surveyId) : [NO_SURVEY]), eb(sql<string>`settings ->> 'widgetEvent'`, '=', event)]))
      .orderBy('created_at')
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = chosen.flatMap((c) => (byId.has(c.surveyId) ? [{ row: byId.get(c.surveyId)!, ruleId: c.ruleId as string | null }] : []));
    for (const r of rows) if ((r.settings as { widgetEvent?: string }).widgetEvent === event) ordered.push({ row: r, ruleId: null });
    return ordered;
  }

  /** A survey shown counts as asked: stored as a sent invitation, so fatigue sees e-mail and widget alike. */
  async function recordImpression(workspaceId: string, secret: string, surveyId: string, customerId: string) {
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    await db()
      .insertInto('survey_invitations')
      .values(invitationRow(secret, { workspaceId, surveyId, customerId, reason: 'widget', expiresAt, sentAt: new Date() }))
      .execute();
  }
}
