import { z } from 'zod';
import type { App } from '../../server/app-types.js';
import { authorize } from '../../server/auth.js';
import { ApiError } from '../../server/errors.js';
import { mailFrom, mailRoute, type WorkspaceMailSettings } from './mail.js';
import { MailSettingsInput, nextMailSettings, smtpView } from './mail-settings.js';

const tags = ['E-mail'];
const TEST_TIMEOUT_MS = 15_000;

export function mailSettingsRoutes(app: App) {
  const db = () => app.db.kysely;
  const load = async (workspaceId: string) =>
    (await db().selectFrom('workspaces').select('mail_settings').where('id', '=', workspaceId).executeTakeFirstOrThrow()).mail_settings as WorkspaceMailSettings;
  const view = (s: WorkspaceMailSettings) => ({
    smtp: smtpView(s.smtpUrl),
    from: s.from ?? null,
    // Which server e-mail leaves through now, and as whom.
    effective: {
      source: s.smtpUrl ? 'workspace' : process.env.OPINIA_SMTP_URL ? 'server' : 'none',
      from: s.from ?? mailFrom(),
    },
  });

  app.get('/api/v1/settings/mail', {
    schema: { tags, summary: "The workspace's SMTP server and sender for invitations, reminders and alerts (the password is never shown)" },
    handler: async (req) => view(await load(authorize(req, 'workspace:manage').workspaceId)),
  });

  app.put('/api/v1/settings/mail', {
    schema: {
      tags,
      summary: "Set the workspace's own SMTP server and sender (null: use the server's); fields left out are kept",
      body: MailSettingsInput,
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'workspace:manage');
      const next = nextMailSettings(await load(workspaceId), req.body);
      await db().updateTable('workspaces').set({ mail_settings: JSON.stringify(next) }).where('id', '=', workspaceId).execute();
      return view(next);
    },
  });

  app.post('/api/v1/settings/mail/test', {
    schema: {
      tags,
      summary: 'Send a test e-mail through the settings in force, to check them; 422 with the server\'s answer when it fails',
      body: z.strictObject({ to: z.email().max(320) }),
    },
    handler: async (req) => {
      const { workspaceId } = authorize(req, 'workspace:manage');
      const route = mailRoute(await load(workspaceId));
      if (!route) throw new ApiError(422, 'mail_not_configured', 'No SMTP server is set: enter your own above, or ask the administrator to set OPINIA_SMTP_URL.');
      try {
        const info = await Promise.race([
          route.transport.sendMail({ from: route.from, to: req.body.to, subject: 'Opinia: test e-mail', text: 'E-mail from Opinia works: invitations, reminders and alerts will be sent this way.' }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer from the mail server within ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS).unref()),
        ]);
        return { sent: true, messageId: info.messageId as string };
      } catch (err) {
        throw new ApiError(422, 'mail_failed', `The mail server refused or could not be reached: ${(err as Error).message.slice(0, 300)}`);
      }
    },
  });
}
