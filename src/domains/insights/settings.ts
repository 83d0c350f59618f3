import { z } from 'zod';
import type { ThemeDef } from '../../insights/themes.js';

const Keyword = z.string().trim().min(2).max(60).regex(/^[\p{L}\p{N}' *-]+$/u, 'use letters, digits, spaces, "-", "\'" and "*" (a stem)');
const Keywords = z.array(Keyword).max(100);

export const CustomTheme = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'use 2–40 lower-case letters, digits or "_", starting with a letter'),
  names: z.strictObject({ pl: z.string().trim().min(1).max(60), ro: z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(60) }),
  keywords: z
    .strictObject({ pl: Keywords.default([]), ro: Keywords.default([]), en: Keywords.default([]) })
    .refine((k) => k.pl.length + k.ro.length + k.en.length > 0, 'give at least one keyword'),
});

export const InsightsSettingsInput = z.strictObject({
  customThemes: z.array(CustomTheme).max(50).optional(),
  ownModels: z
    .partialRecord(z.enum(['pl', 'ro', 'en']), z.boolean())
    .optional()
    .describe("Use the workspace's own sentiment model (uploaded from opinia train) for these languages"),
});

export interface InsightsSettings {
  customThemes: ThemeDef[];
  ownModels: Partial<Record<'pl' | 'ro' | 'en', boolean>>;
  /** Bumped on every change: analyses made before it are redone. */
  revision: number;
}

export function insightsSettingsOf(stored: Record<string, unknown>): InsightsSettings {
  const s = stored as Partial<InsightsSettings & { customThemes: z.output<typeof CustomTheme>[] }>;
  return {
    customThemes: (s.customThemes ?? []).map((t) => ({ ...t, kind: 'topic' as const })),
    ownModels: s.ownModels ?? {},
    revision: s.revision ?? 0,
  };
}
