import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../ui/icons.tsx';
import { DataContext } from './hooks.ts';
import { openData, type DataRuntime } from './runtime.ts';

type State = { kind: 'loading' } | { kind: 'ready'; data: DataRuntime } | { kind: 'error'; message: string };

/** Opens the local database (no network needed) and provides it to everything below. */
export function DataGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    openData().then(
      (data) => live && setState({ kind: 'ready', data }),
      (err: unknown) => live && setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  if (state.kind === 'ready') return <DataContext.Provider value={state.data}>{children}</DataContext.Provider>;
  return (
    <div className="splash" role={state.kind === 'error' ? 'alert' : 'status'}>
      <img src="/icons/icon-192.png" alt="" width={72} height={72} />
      {state.kind === 'loading' ? (
        <p className="row"><span className="spinner" aria-hidden="true" /> {t('openingData')}</p>
      ) : (
        <>
          <p className="alert alert-danger"><Icon name="alert" />{t('openDataFailed', { message: state.message })}</p>
          <button type="button" className="btn btn-primary" onClick={() => { setState({ kind: 'loading' }); setAttempt((a) => a + 1); }}>
            {t('retry')}
          </button>
        </>
      )}
    </div>
  );
}
