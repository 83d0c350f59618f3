import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Me } from './api';
import { setUiLanguage, UI_LANGUAGES, type UiLanguage } from './i18n';
import { CasePage } from './CasePage';
import { Cases } from './Cases';
import { Customer360, Customers } from './Customers';
import { Insights } from './Insights';
import { Journey } from './Journey';
import { Login } from './Login';
import { Offers } from './Offers';
import { Overview } from './Overview';
import { navigate, usePath } from './router';
import { Responses } from './Responses';
import { Retention } from './Retention';
import { Loyalty } from './Loyalty';
import { Rules } from './Rules';
import { NewSegment, SegmentPage, Segments } from './Segments';
import { Settings } from './Settings';
import { SharedReport } from './SharedReport';
import { SurveyBuilder, SurveyList } from './SurveyBuilder';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2, staleTime: 30_000 } },
});

/** The dashboard's pages, grouped by what a CX team does: listen, understand, act, keep customers. */
const NAV: [string, [string, string][]][] = [
  ['navListen', [['/app/surveys', 'surveys'], ['/app/responses', 'responses']]],
  ['navUnderstand', [['/app', 'overview'], ['/app/insights', 'insights'], ['/app/journey', 'journey'], ['/app/retention', 'retention']]],
  ['navAct', [['/app/cases', 'cases'], ['/app/rules', 'rules'], ['/app/offers', 'offers']]],
  ['navKeep', [['/app/customers', 'customers'], ['/app/segments', 'seg_segments'], ['/app/loyalty', 'loyalty']]],
  ['navSetup', [['/app/settings', 'settings']]],
];

function App() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const path = usePath();
  const me = useQuery({ queryKey: ['me'], queryFn: () => api<Me>('/api/v1/me') });
  if (me.isPending) return <p className="center">{t('loading')}</p>;
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) return <Login onDone={() => client.invalidateQueries()} />;
    return <p role="alert" className="center">{t('errorTitle')}: {me.error.message}</p>;
  }
  const switchWorkspace = async (workspaceId: string) => {
    await api('/api/v1/auth/switch-workspace', { method: 'POST', body: JSON.stringify({ workspaceId }) });
    await client.invalidateQueries();
  };
  const logout = async () => {
    await api('/api/v1/auth/logout', { method: 'POST' });
    // Start clean: nothing of the previous session stays in memory.
    window.location.assign('/app');
  };
  return (
    <div className="shell">
      <header className="top">
        <strong className="brand">{t('appName')}</strong>
        <nav className="tabs" aria-label={t('mainNavigation')}>
          {NAV.map(([group, links]) => (
            <div key={group} className="tab-group" role="group" aria-label={t(group)}>
              <span className="tab-group-label" aria-hidden="true">{t(group)}</span>
              {links.map(([href, key]) => (
                <a
                  key={href}
                  href={href}
                  aria-current={(href === '/app' ? path === '/app' : path.startsWith(href)) ? 'page' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(href);
                  }}
                >
                  {t(key)}
                </a>
              ))}
            </div>
          ))}
        </nav>
        <label>
          <span className="sr-only">{t('workspace')}</span>
          <select value={me.data.workspace.id} onChange={(e) => void switchWorkspace(e.target.value)} aria-label={t('workspace')}>
            {me.data.workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <label>
          <span className="sr-only">{t('interfaceLanguage')}</span>
          <select aria-label={t('interfaceLanguage')} value={i18n.language} onChange={(e) => setUiLanguage(e.target.value as UiLanguage)}>
            {UI_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="link" onClick={() => void logout()}>
          {t('logout')}
        </button>
      </header>
      <main className="content">
        <Page path={path} />
      </main>
    </div>
  );
}

function Page({ path }: { path: string }) {
  if (path === '/app/surveys') return <SurveyList />;
  if (path === '/app/responses') return <Responses />;
  if (path === '/app/settings') return <Settings />;
  if (path === '/app/journey') return <Journey />;
  if (path === '/app/insights') return <Insights />;
  if (path === '/app/loyalty') return <Loyalty />;
  if (path === '/app/offers') return <Offers />;
  if (path === '/app/rules') return <Rules />;
  if (path === '/app/cases') return <Cases />;
  if (path === '/app/customers') return <Customers />;
  if (path === '/app/segments') return <Segments />;
  if (path === '/app/segments/new') return <NewSegment />;
  const segment = /^\/app\/segments\/([0-9a-f-]{36})$/.exec(path);
  if (segment) return <SegmentPage key={segment[1]} id={segment[1]!} />;
  if (path === '/app/retention') return <Retention />;
  const serviceCase = /^\/app\/cases\/([0-9a-f-]{36})$/.exec(path);
  if (serviceCase) return <CasePage key={serviceCase[1]} id={serviceCase[1]!} />;
  const customer = /^\/app\/customers\/(.+)$/.exec(path);
  if (customer) return <Customer360 key={customer[1]} id={decodeURIComponent(customer[1]!)} />;
  if (path === '/app/surveys/new') return <SurveyBuilder key="new" />;
  const survey = /^\/app\/surveys\/([0-9a-f-]{36})$/.exec(path);
  if (survey) return <SurveyBuilder key={survey[1]} surveyId={survey[1]} />;
  return <Overview />;
}

/** Shared reports open without a login; everything else is the signed-in dashboard. */
function Root() {
  const path = usePath();
  const shared = /^\/r\/([A-Za-z0-9_-]+)$/.exec(path);
  return shared ? <SharedReport token={shared[1]!} /> : <App />;
}

createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={queryClient}>
    <Root />
  </QueryClientProvider>,
);
