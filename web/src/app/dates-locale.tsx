import { DatesProvider } from '@mantine/dates';
import 'dayjs/locale/hu';
import 'dayjs/locale/pl';
import 'dayjs/locale/ro';
import 'dayjs/locale/uk';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Date pickers speak the user's language; weeks start on Monday across the region. */
export function LocalizedDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}
