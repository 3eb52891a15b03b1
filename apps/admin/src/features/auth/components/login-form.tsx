import { useRef, useState, type FormEvent } from 'react';
import { collectFormErrors, focusFirstInvalid } from '../../../components/form-errors';
import { TextField } from '../../../components/form-fields';
import { isApiProblem } from '../../../lib/api-problem';
import { useLogin } from '../api/login';

const FIELDS = ['email', 'password'] as const;

/** The sentence for a failed sign-in: the server's detail (locked until…, too many attempts) first. */
function signInErrorMessage(error: unknown): string | null {
  if (!error) return null;
  if (isApiProblem(error)) {
    if (error.detail) return error.detail;
    if (error.status === 401) return 'The email address or password is incorrect.';
    if (error.status === 423) return 'This account is locked. Try again later or ask an administrator.';
    if (error.status === 429) return 'Too many sign-in attempts. Wait a moment and try again.';
    return error.userMessage;
  }
  return 'Sign-in failed. Please try again.';
}

export function LoginForm({ onSuccess }: { onSuccess?: () => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [clientErrors, setClientErrors] = useState<Partial<Record<string, string>>>({});
  const loginMutation = useLogin({ mutationConfig: { onSuccess: () => onSuccess?.() } });

  const errors = collectFormErrors(FIELDS, clientErrors, loginMutation.error);
  const summary = Object.values(clientErrors).some(Boolean)
    ? errors.summary
    : signInErrorMessage(loginMutation.error);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loginMutation.isPending) return;
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const nextErrors: Record<string, string> = {};
    if (!email) nextErrors.email = 'Enter your email address.';
    else if (!/^\S+@\S+\.\S+$/.test(email))
      nextErrors.email = 'Enter an email address like name@example.org.';
    if (!password) nextErrors.password = 'Enter your password.';
    setClientErrors(nextErrors);
    if (Object.keys(nextErrors).length > 0) {
      // Wait for the invalid state to render before moving focus to it.
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    loginMutation.mutate({ email, password });
  }

  return (
    <form ref={formRef} className="form login-form" noValidate onSubmit={handleSubmit} aria-label="Sign in">
      {summary ? (
        <div role="alert" className="alert alert-error">
          <p>{summary}</p>
          {errors.details.length > 0 ? (
            <ul>
              {errors.details.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <TextField
        name="email"
        label="Email address"
        type="email"
        autoComplete="username"
        inputMode="email"
        spellCheck={false}
        autoCapitalize="none"
        required
        error={errors.field('email')}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.field('password')}
      />
      <button
        type="submit"
        className="button button-primary button-block"
        aria-disabled={loginMutation.isPending}
      >
        {loginMutation.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
