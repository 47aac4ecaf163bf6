import { AppProviders } from '@jixiao/runtime';
import { createRoot } from 'react-dom/client';
import { DesignerApp } from './DesignerApp';

const rootEl = document.getElementById('root');
if (rootEl === null) throw new Error('index.html has no #root');
createRoot(rootEl).render(
  <AppProviders>
    <DesignerApp />
  </AppProviders>,
);
