import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { sql } from 'kysely';
import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { CustomerId } from '../customers/schema.js';
import { toSurvey } from '../surveys/service.js';

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

const TEXTS: Record<string, { send: string; close: string; thanks: string; low: string; high: string }> = {
  pl: { send: 'Wyślij', close: 'Zamknij', thanks: 'Dziękujemy za opinię!', low: 'Zdecydowanie nie', high: 'Zdecydowanie tak' },
  ro: { send: 'Trimite', close: 'Închide', thanks: 'Mulțumim pentru părere!', low: 'Deloc', high: 'Foarte probabil' },
  en: { send: 'Send', close: 'Close', thanks: 'Thank you for your feedback!', low: 'Not at all', high: 'Extremely likely' },
};

export function widgetRoutes(app: App) {
  const db = () => app.db.kysely;

  app.get('/widget.js', { schema: { tags: ['Widget'], summary: 'The website widget script (one tag, no framework)', security: [] } }, async (req, reply) => {
    const { js, gzip } = widgetScript();
    reply.header('content-type', 'application/javascript; charset=utf-8').header('cache-control', 'public, max-age=300');
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(gzip);
    return reply.send(js);
  });

  app.get('/api/v1/widget/survey', {
    schema: {
      tags: ['Widget'],
      summary: 'The survey the widget should show now for an event and customer, or 204 (none, or survey fatigue)',
      querystring: z.object({
        event: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
        customerId: CustomerId.optional(),
        lang: z.string().max(10).optional(),
      }),
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'responses:collect');
      const row = await db()
        .selectFrom('surveys')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'active')
        .where(sql<boolean>`settings ->> 'widgetEvent' = ${req.query.event}`)
        .orderBy('created_at')
        .executeTakeFirst();
      if (!row) return reply.status(204).send();
      const survey = toSurvey(row);
      if (req.query.customerId) {
        const w = await db().selectFrom('workspaces').select('fatigue_days').where('id', '=', workspaceId).executeTakeFirstOrThrow();
        // Survey fatigue: nothing if the customer answered anything lately, or this survey ever (unless repeats are allowed).
        const seen = await sql<{ recent: boolean; same: boolean }>`
          SELECT bool_or(submitted_at > now() - make_interval(days => ${w.fatigue_days})) AS recent, bool_or(survey_id = ${survey.id}) AS same
          FROM responses WHERE workspace_id = ${workspaceId} AND customer_external_id = ${req.query.customerId}`.execute(db());
        const s = seen.rows[0];
        if (s?.recent || (s?.same && !survey.settings.allowRepeat)) return reply.status(204).send();
      }
      const wanted = req.query.lang?.slice(0, 2);
      const language = wanted && survey.languages.includes(wanted as never) ? wanted : survey.defaultLanguage;
      return {
        id: survey.id,
        language,
        questions: survey.questions.filter((q) => ['nps', 'csat', 'ces', 'text'].includes(q.type)).slice(0, 3).map((q) => ({ id: q.id, type: q.type, title: q.title, required: q.required })),
        texts: TEXTS[language] ?? TEXTS.en,
      };
    },
  });
}
