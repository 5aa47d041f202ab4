import { lazy, Suspense, useCallback, useEffect, type ReactNode } from 'react';
import { areaRoles, homeFor, mayEnter, visibleNavigation, type Area } from './auth/roles.js';
import { SessionProvider, useSession } from './auth/session.js';
import { PageHeading } from './components/common.js';
import { Field } from './components/field.js';
import { asLocale, I18nProvider, locales, useI18n, type Locale } from './i18n/i18n.js';
import { CourseFormPage, CoursesPage } from './pages/coordinator/courses-page.js';
import { InstitutionFormPage, InstitutionsPage } from './pages/coordinator/institutions-page.js';
import { InstructorFormPage, InstructorsPage } from './pages/coordinator/instructors-page.js';
import { PairingFormPage, PairingsPage } from './pages/coordinator/pairings-page.js';
import { SchedulePage } from './pages/coordinator/schedule-page.js';
import { SessionDetailPage, SessionsPage } from './pages/coordinator/sessions-page.js';
import { WesternClassesPage, WesternClassFormPage } from './pages/coordinator/western-classes-page.js';
import { LoginPage } from './pages/login-page.js';
import { InboxPage } from './pages/teacher/inbox-page.js';
import { navigate, NavLink, useRoute, type Route } from './router/hash-router.js';

const LOCALE_KEY = 'ews.locale';

// The calendar (FullCalendar) and the dashboard (ECharts) are the heavy pages: their code loads when first opened.
const CalendarPage = lazy(() => import('./pages/teacher/calendar-page.js').then((m) => ({ default: m.CalendarPage })));
const DashboardPage = lazy(() => import('./pages/staff/dashboard-page.js').then((m) => ({ default: m.DashboardPage })));

export function App() {
  return (
    <SessionProvider>
      <LocalizedApp />
    </SessionProvider>
  );
}

/** The language is remembered per user: in their account (when the API takes it) and in this browser. */
function LocalizedApp() {
  const { session, api, updateUser } = useSession();
  const userKey = session ? `${LOCALE_KEY}.${session.user.id}` : LOCALE_KEY;
  const initial: Locale =
    asLocale(localStorage.getItem(userKey)) ??
    asLocale(session?.user.locale) ??
    asLocale(localStorage.getItem(LOCALE_KEY)) ??
    asLocale(navigator.language) ??
    'zh-CN';
  const onChange = useCallback(
    (locale: Locale) => {
      localStorage.setItem(userKey, locale);
      localStorage.setItem(LOCALE_KEY, locale);
      if (session) {
        updateUser({ locale });
        api.patch('/auth/me', { locale }).catch(() => undefined);
      }
    },
    [userKey, session, api, updateUser],
  );
  return (
    <I18nProvider initial={initial} onChange={onChange}>
      <Shell />
    </I18nProvider>
  );
}

function Shell() {
  const { t, locale, setLocale } = useI18n();
  const { session, logout } = useSession();
  const route = useRoute();
  const role = session?.user.role;

  useEffect(() => {
    if (!session && route.path !== '/login')
      navigate('/login', { next: route.path === '/' ? undefined : route.path + (route.query.size ? `?${route.query}` : '') }, true);
    else if (session && (route.path === '/' || route.path === '/login')) navigate(homeFor(session.user.role), {}, true);
  }, [session, route.path]);

  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('app.skip')}
      </a>
      <header className="header">
        <div className="header__brand">
          <span className="header__title">{t('app.title')}</span>
          <span className="header__subtitle">{t('app.subtitle')}</span>
        </div>
        <div className="header__tools">
          <Field label={t('app.language')} className="field--inline">
            {(c) => (
              <select {...c} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
                {locales.map((l) => (
                  <option key={l.value} value={l.value} lang={l.value}>
                    {l.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {session && (
            <>
              <span className="header__user">
                {t('app.signedInAs', { name: session.user.displayName, role: t(`role.${session.user.role}`) })}
              </span>
              <button type="button" onClick={() => void logout().then(() => navigate('/login'))}>
                {t('app.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      {role && (
        <nav className="nav" aria-label={t('app.mainNav')}>
          <ul>
            {visibleNavigation(role).map((item) => (
              <li key={item.path}>
                <NavLink to={item.path} route={route}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1} className="main">
        {session ? (
          <Suspense fallback={<p aria-live="polite">{t('app.loading')}</p>}>
            <Page route={route} />
          </Suspense>
        ) : (
          <LoginPage />
        )}
      </main>
    </>
  );
}

/** The page for a route, or a refusal when the signed-in role may not see it. */
function Page({ route }: { route: Route }) {
  const { t } = useI18n();
  const { session } = useSession();
  const [area, section, id] = route.segments;
  const role = session!.user.role;
  const guard = (needed: Area, page: ReactNode) =>
    mayEnter(role, needed) ||
    (needed === 'teacher' && section === 'calendar' && route.query.get('instructorId') && mayEnter(role, 'coordinator')) ? (
      page
    ) : (
      <section>
        <PageHeading>{t('app.notAllowed')}</PageHeading>
        <p>{areaRoles[needed].map((r) => t(`role.${r}`)).join(' · ')}</p>
      </section>
    );
  const formId = id === 'new' ? null : (id ?? null);
  switch (`${area}/${section}`) {
    case 'coordinator/institutions':
      return guard('coordinator', id ? <InstitutionFormPage key={id} id={formId} /> : <InstitutionsPage key={route.query.toString()} />);
    case 'coordinator/instructors':
      return guard('coordinator', id ? <InstructorFormPage key={id} id={formId} /> : <InstructorsPage key={route.query.toString()} />);
    case 'coordinator/courses':
      return guard('coordinator', id ? <CourseFormPage key={id} id={formId} /> : <CoursesPage key={route.query.toString()} />);
    case 'coordinator/western-classes':
      return guard('coordinator', id ? <WesternClassFormPage key={id} id={formId} /> : <WesternClassesPage key={route.query.toString()} />);
    case 'coordinator/pairings':
      return guard('coordinator', id ? <PairingFormPage key={id} id={formId} /> : <PairingsPage key={route.query.toString()} />);
    case 'coordinator/schedule':
      return guard('coordinator', <SchedulePage />);
    case 'coordinator/sessions':
      return guard('coordinator', id ? <SessionDetailPage key={id} id={id} /> : <SessionsPage key={route.query.toString()} />);
    case 'teacher/calendar':
      return guard('teacher', <CalendarPage />);
    case 'teacher/inbox':
      return guard('teacher', <InboxPage />);
    case 'staff/dashboard':
      return guard('staff', <DashboardPage key={route.query.toString()} />);
    default:
      return (
        <section>
          <PageHeading>{t('app.notFound')}</PageHeading>
        </section>
      );
  }
}
