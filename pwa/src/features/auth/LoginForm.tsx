import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { loginRequest, type Session } from '../../auth/session.ts';
import { BASE_URL } from '../../app/runtime.ts';
import { Icon } from '../../ui/icons.tsx';
import { loginErrorKey } from './errors.ts';

export interface LoginFormProps {
  /** Prefilled and locked for a re-login (the queued writes belong to that user). */
  fixedEmail?: string;
  submitLabel: string;
  onSuccess: (s: Session) => void;
}

/** Email + password form; shows why a login failed (wrong password, offline, rate limit…). */
export function LoginForm({ fixedEmail, submitLabel, onSuccess }: LoginFormProps) {
  const { t } = useTranslation('auth');
  const id = useId();
  const [email, setEmail] = useState(fixedEmail ?? '');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSuccess(await loginRequest(BASE_URL, email.trim(), password));
    } catch (err) {
      setError(loginErrorKey(err));
    }
    // Usually unmounted by now; the login screen may instead ask a question and stay.
    setBusy(false);
  }

  return (
    <form className="stack" onSubmit={submit} noValidate={false} aria-describedby={error ? `${id}-error` : undefined}>
      {error ? (
        <p className="alert alert-danger" role="alert" id={`${id}-error`} data-testid="login-error">
          <Icon name="alert" />
          <span>{t(error)}</span>
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('email')}</label>
        <input
          id={`${id}-email`}
          className="input"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          readOnly={fixedEmail !== undefined}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('password')}</label>
        <div className="password-row">
          <input
            id={`${id}-password`}
            className="input"
            type={showPassword ? 'text' : 'password'}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button
            type="button"
            className="btn btn-ghost btn-icon"
            aria-pressed={showPassword}
            aria-label={t('showPassword')}
            onClick={() => setShowPassword((v) => !v)}
          >
            <Icon name={showPassword ? 'eyeOff' : 'eye'} />
          </button>
        </div>
      </div>
      <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
        {busy ? <span className="spinner" aria-hidden="true" /> : null}
        {submitLabel}
      </button>
    </form>
  );
}
