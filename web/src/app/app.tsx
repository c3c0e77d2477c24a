import { Center, Loader } from '@mantine/core';
import { useMantineColorScheme } from '@mantine/core';
import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { ForgotPasswordPage, ResetPasswordPage, SignInPage } from '../auth/sign-in.tsx';
import { SetupPage } from '../auth/setup.tsx';
import { setLanguage } from './i18n.ts';
import { useMe, useSetupNeeded } from './session.ts';
import { Shell } from './shell.tsx';

// Areas are code-split: the first screen loads only the shell.
const HomePage = lazy(() => import('../modules/home.tsx'));
const SettingsPage = lazy(() => import('../modules/settings.tsx'));
const ApiKeysPage = lazy(() => import('../modules/api-keys.tsx'));
const MailOutboxPage = lazy(() => import('../modules/mail-outbox.tsx'));
const CustomFieldsPage = lazy(() => import('../modules/custom-fields.tsx'));
const RecordListPage = lazy(() => import('../records/list-page.tsx'));
const RecordPage = lazy(() => import('../records/record-page.tsx'));

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
      setLanguage(me.data.user.locale);
      if (me.data.user.theme === 'dark' || me.data.user.theme === 'light') setColorScheme(me.data.user.theme);
    }
  }, [me.data, setColorScheme]);

  if (setup.isLoading || me.isLoading) return loading;
  if (setup.data?.needed) {
    return (
      <Routes>
        <Route path="*" element={<SetupPage />} />
      </Routes>
    );
  }
  if (!me.data) {
    return (
      <Routes>
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="*" element={<SignInPage />} />
      </Routes>
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
          <Route path="/r/:resource" element={<RecordListPage />} />
          <Route path="/r/:resource/new" element={<RecordPage />} />
          <Route path="/r/:resource/:id" element={<RecordPage />} />
          <Route path="/sign-in" element={<Navigate to="/" replace />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}
