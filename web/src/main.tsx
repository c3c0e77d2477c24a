import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import { Autocomplete, createTheme, localStorageColorSchemeManager, MantineProvider, MultiSelect, Select, TagsInput } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { i18nReady } from './app/i18n.ts';
import { ApiError } from './app/api.ts';
import { App } from './app/app.tsx';
import { LocalizedDates } from './app/dates-locale.tsx';
import { searchOptionsFilter } from './app/search-text.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// Every list a user types into matches as the server's search does: no diacritics, any word order.
const searchDefaults = { defaultProps: { filter: searchOptionsFilter } };
const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  components: {
    Select: Select.extend(searchDefaults),
    MultiSelect: MultiSelect.extend(searchDefaults),
    Autocomplete: Autocomplete.extend(searchDefaults),
    TagsInput: TagsInput.extend(searchDefaults),
  },
});
const colorSchemeManager = localStorageColorSchemeManager({ key: 'kontakt.theme' });

const root = createRoot(document.getElementById('root')!);
void i18nReady.then(() => root.render(
  <StrictMode>
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="light">
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <LocalizedDates>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </LocalizedDates>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
));
