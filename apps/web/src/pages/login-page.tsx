import { useState, type FormEvent } from 'react';
import type { ApiProblem } from '../api/client.js';
import { homeFor } from '../auth/roles.js';
import { useSession } from '../auth/session.js';
import { PageHeading } from '../components/common.js';
import { Field } from '../components/field.js';
import { useI18n } from '../i18n/i18n.js';
import { navigate, useRoute } from '../router/hash-router.js';

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const route = useRoute();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const session = await login(email, password);
      navigate(route.query.get('next') || homeFor(session.user.role));
    } catch (error) {
      setProblem(error as ApiProblem);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="login">
      <PageHeading>{t('login.heading')}</PageHeading>
      {problem && (
        <div className="alert alert--error" role="alert">
          {t('login.failed', { detail: problem.detail })}
        </div>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('login.email')} errors={problem?.messagesFor('email') ?? []}>
          {(c) => <input {...c} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />}
        </Field>
        <Field label={t('login.password')} errors={problem?.messagesFor('password') ?? []}>
          {(c) => (
            <input
              {...c}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button--primary" disabled={busy}>
            {t('login.submit')}
          </button>
        </div>
      </form>
      <p className="muted">{t('login.demoHint')}</p>
    </section>
  );
}
