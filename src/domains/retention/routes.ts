import { stringify } from 'csv-stringify/sync';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { getWorkspace } from '../access/service.js';
import { localDay } from '../responses/local-day.js';
import { atRiskPage } from './churn-service.js';
import { AtRiskCsvQuery, AtRiskOut, AtRiskQuery, SummaryQuery } from './schema.js';
import { defaultSummaryRange, retentionSummary } from './summary.js';
import { RetentionSettingsInput, retentionSettings } from './settings.js';

export function retentionRoutes(app: App) {
  const tags = ['Retention'];
  const db = () => app.db.kysely;

  const settingsView = async (workspaceId: string) => {
    const s = await retentionSettings(db(), workspaceId);
    return { purchaseEvents: s.purchaseEvents, amountProperty: s.amountProperty, currency: s.currency, tierOrder: s.tierOrder, weights: s.weights, thresholds: s.thresholds };
  };

  app.get('/api/v1/retention/settings', {
    schema: { tags, summary: 'What counts as a purchase (event names, amount property), the currency, and the churn weights in force' },
    handler: async (req) => settingsView(authorize(req, 'customers:read').workspaceId),
  });

  app.put('/api/v1/retention/settings', {
    schema: {
      tags,
      summary: 'Set the purchase events, amount property and currency; fields left out keep their value. Churn scores are recomputed on the next look',
      body: RetentionSettingsInput,
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'workspace:manage');
      const w = await db().selectFrom('workspaces').select('retention_settings').where('id', '=', workspaceId).executeTakeFirstOrThrow();
      const next = { ...w.retention_settings, ...req.body };
      await db().updateTable('workspaces').set({ retention_settings: JSON.stringify(next) }).where('id', '=', workspaceId).execute();
      // Scores counted other purchases: mark them stale so the next list (or the scheduler) recomputes.
      await db().updateTable('churn_refreshes').set({ computed_at: new Date(0) }).where('workspace_id', '=', workspaceId).execute();
      return settingsView(workspaceId);
    },
  });

  app.get('/api/v1/retention/at-risk', {
    schema: {
      tags,
      summary: 'At-risk valuable customers: churn risk level and score with its reasons, most valuable risk (score × 12-month revenue) first',
      querystring: AtRiskQuery,
      response: { 200: AtRiskOut },
    },
    handler: async (req) => atRiskPage(db(), authorize(req, 'customers:read').workspaceId, req.query),
  });

  app.get('/api/v1/retention/at-risk.csv', {
    schema: {
      tags,
      summary: 'The at-risk list as CSV (one row per customer, reasons joined by "|")',
      querystring: AtRiskCsvQuery,
    },
    handler: async (req, reply) => {
      const { workspaceId } = authorize(req, 'customers:read');
      const page = await atRiskPage(db(), workspaceId, req.query);
      const csv = stringify(
        page.data.map((r) => ({
          customer: r.customerId,
          name: r.name ?? '',
          email: r.email ?? '',
          level: r.level,
          score: r.score,
          revenue_12m: r.value.revenue12m,
          purchases_12m: r.value.purchases12m,
          reasons: r.reasons.map((x) => `${x.code}:${x.points}`).join('|'),
        })),
        { header: true, bom: true, columns: ['customer', 'name', 'email', 'level', 'score', 'revenue_12m', 'purchases_12m', 'reasons'] },
      );
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="at-risk-customers.csv"').send(csv);
    },
  });

  app.get('/api/v1/retention/summary', {
    schema: {
      tags,
      summary:
        'Retention, repeat-purchase rate, revenue and purchases per customer by period and NPS group (or loyalty tier), ' +
        'and what a promoter is worth compared with a detractor (revenue per customer, ratio, difference with its 95% margin)',
      querystring: SummaryQuery,
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'metrics:read');
      const workspace = await getWorkspace(db(), workspaceId);
      const range = defaultSummaryRange(req.query.to ?? localDay(new Date(), workspace.timezone));
      return retentionSummary(db(), workspaceId, {
        from: req.query.from ?? range.from,
        to: req.query.to ?? range.to,
        interval: req.query.interval,
        by: req.query.by,
      });
    },
  });
}
