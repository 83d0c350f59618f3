import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './api';

interface ThemeName {
  id: string;
  names: Record<string, string>;
}

/** Theme names in the interface language (built-in and the workspace's own). */
export function useThemeNames(): (id: string) => string {
  const { i18n } = useTranslation();
  const themes = useQuery({ queryKey: ['themes'], queryFn: () => api<{ data: ThemeName[] }>('/api/v1/insights/themes'), staleTime: 300_000 });
  return (id) => themes.data?.data.find((t) => t.id === id)?.names[i18n.language] ?? id;
}
