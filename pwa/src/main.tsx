import './styles/theme.css';
import './styles/base.css';
import './styles/ui.css';
import './app/shell.css';
import './i18n/index.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { openData, sessionSnapshot, setWarmUp, testHooksEnabled } from './app/runtime.ts';
import { applyTheme } from './app/theme.ts';

applyTheme();
// Start loading and opening the local database while React renders the shell; the inventory
// (home, and needed by most screens) loads before replication starts competing for IndexedDB.
setWarmUp(async (db) => (await import('./features/inventory/useInventory.ts')).readModelFor(db).start());
if (sessionSnapshot()) void openData().catch(() => undefined);
if (testHooksEnabled()) void import('./testing/hooks.ts').then((m) => m.installTestHooks());

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
