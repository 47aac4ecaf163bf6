import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppProviders } from './app/providers';

const rootEl = document.getElementById('root');
if (rootEl === null) throw new Error('index.html has no #root');
createRoot(rootEl).render(
  <AppProviders>
    <App />
  </AppProviders>,
);
