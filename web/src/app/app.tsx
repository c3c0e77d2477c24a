import { Center, Loader, useMantineColorScheme } from '@mantine/core';
import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { setLanguage } from './i18n.ts';
import { useMe, useSetupNeeded } from './session.ts';
import { NotFoundPage } from './not-found.tsx';
import { Shell } from './shell.tsx';

// Areas are code-split: the first screen loads only the shell (and the sign-in screens only when signed out).
const SignInPage = lazy(() => import('../auth/sign-in.tsx').then((m) => ({ default: m.SignInPage })));
const ForgotPasswordPage = lazy(() => import('../auth/sign-in.tsx').then((m) => ({ default: m.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => import('../auth/sign-in.tsx').then((m) => ({ default: m.ResetPasswordPage })));
const SetupPage = lazy(() => import('../auth/setup.tsx').then((m) => ({ default: m.SetupPage })));
const HomePage = lazy(() => import('../modules/home.tsx'));
const SettingsPage = lazy(() => import('../modules/settings.tsx'));
const ApiKeysPage = lazy(() => import('../modules/api-keys.tsx'));
const MailOutboxPage = lazy(() => import('../modules/mail-outbox.tsx'));
const CustomFieldsPage = lazy(() => import('../modules/custom-fields.tsx'));
const ProfilePage = lazy(() => import('../modules/profile.tsx'));
const RecordListPage = lazy(() => import('../records/list-page.tsx'));
const RecordPage = lazy(() => import('../records/record-page.tsx'));
const ImportPage = lazy(() => import('../modules/imports/import-page.tsx'));
const BoardPage = lazy(() => import('../modules/sales/board-page.tsx'));
const DuplicatesPage = lazy(() => import('../modules/partners/duplicates-page.tsx'));
const SalesReportsPage = lazy(() => import('../modules/sales/reports-page.tsx'));
const ExchangeRatesPage = lazy(() => import('../modules/sales/exchange-rates.tsx'));
const CalendarPage = lazy(() => import('../modules/calendar/calendar-page.tsx'));
const MyRemindersPage = lazy(() => import('../modules/activities/my-reminders-page.tsx'));
const ReminderDefaultsPage = lazy(() => import('../modules/activities/reminder-defaults-page.tsx'));
const TaskAnalysisPage = lazy(() => import('../modules/activities/task-analysis-page.tsx'));
const LeadAssignmentPage = lazy(() => import('../modules/sales/lead-assignment-page.tsx'));

const loading = (
  <Center h="50vh">
    <Loader />
  </Center>
);

export function App() {
  const setup = useSetupNeeded();
  const me = useMe();
  const { setColorScheme } = useMantineColorScheme();

  useEffect(() => {
    if (me.data) {
      void setLanguage(me.data.user.locale);
      const theme = me.data.user.theme;
      if (theme === 'dark' || theme === 'light' || theme === 'auto') setColorScheme(theme);
    }
  }, [me.data, setColorScheme]);

  if (setup.isLoading || me.isLoading) return loading;
  if (setup.data?.needed) {
    return (
      <Suspense fallback={loading}>
        <Routes>
          <Route path="*" element={<SetupPage />} />
        </Routes>
      </Suspense>
    );
  }
  if (!me.data) {
    return (
      <Suspense fallback={loading}>
        <Routes>
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password" element={<ResetPasswordPage />} />
          <Route path="*" element={<SignInPage />} />
        </Routes>
      </Suspense>
    );
  }
  return (
    <Shell me={me.data}>
      <Suspense fallback={loading}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="/settings/api-keys" element={<ApiKeysPage />} />
          <Route path="/settings/mail-outbox" element={<MailOutboxPage />} />
          <Route path="/settings/custom-fields" element={<CustomFieldsPage />} />
          <Route path="/profile" element={<ProfilePage />} />
          {/* generic records screens (web/src/records): list, create and detail of any entity in /api/v1/meta */}
          <Route path="/import/:resource" element={<ImportPage />} />
          <Route path="/sales/board" element={<BoardPage />} />
          <Route path="/partners/duplicates" element={<DuplicatesPage />} />
          <Route path="/contacts/duplicates" element={<DuplicatesPage kind="contact" />} />
          <Route path="/sales/reports" element={<SalesReportsPage />} />
          <Route path="/settings/exchange-rates" element={<ExchangeRatesPage />} />
          <Route path="/calendar" element={<CalendarPage />} />
          <Route path="/reminders" element={<MyRemindersPage />} />
          <Route path="/settings/reminders" element={<ReminderDefaultsPage />} />
          <Route path="/activities/analysis" element={<TaskAnalysisPage />} />
          <Route path="/leads/assign" element={<LeadAssignmentPage />} />
          <Route path="/r/:resource" element={<RecordListPage />} />
          <Route path="/r/:resource/new" element={<RecordPage />} />
          <Route path="/r/:resource/:id" element={<RecordPage />} />
          <Route path="/sign-in" element={<Navigate to="/" replace />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}
