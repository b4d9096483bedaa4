import '@mantine/core/styles.css';
import './theme/global.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { router } from './app/router';
import { I18nProvider } from './i18n/i18n';
import { reportCaughtError } from './lib/auth';
import { queryClient } from './lib/trpc';
import { cssVariablesResolver, theme } from './theme/theme';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in index.html');

// A page the role may not open is caught and answered by the error view: no error on the console for it.
createRoot(root, { onCaughtError: reportCaughtError }).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <RouterProvider router={router} />
        </I18nProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
