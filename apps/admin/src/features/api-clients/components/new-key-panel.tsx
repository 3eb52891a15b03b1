import { useEffect, useRef, useState } from 'react';
import type { CreatedApiClient } from '../types';

/** Shows the one-time secret with a copy button; the key cannot be retrieved again later. */
export function NewKeyPanel({ client, onDone }: { client: CreatedApiClient; onDone: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copyKey() {
    try {
      await navigator.clipboard.writeText(client.key);
      setCopyState('copied');
    } catch {
      // The Clipboard API needs a secure context; fall back to selecting the text.
      inputRef.current?.select();
      const copied = document.execCommand?.('copy') ?? false;
      setCopyState(copied ? 'copied' : 'failed');
    }
  }

  return (
    <div className="new-key">
      <h3 ref={headingRef} tabIndex={-1}>
        API client “{client.name}” created
      </h3>
      <div className="alert alert-warning">
        <p>
          <strong>Copy this key now.</strong> It is shown only once; NSP stores only a hash of it. If it is
          lost, revoke this client and create a new one.
        </p>
      </div>
      <div className="field">
        <label htmlFor="new-api-key">API key</label>
        <div className="copy-row">
          <input
            ref={inputRef}
            id="new-api-key"
            className="monospace"
            readOnly
            value={client.key}
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" className="button button-primary" onClick={copyKey}>
            Copy key
          </button>
        </div>
        <p role="status" className="field-hint">
          {copyState === 'copied'
            ? 'Key copied to the clipboard.'
            : copyState === 'failed'
              ? 'Copying is blocked in this browser: the key is selected, press Ctrl+C (⌘C on a Mac) to copy it.'
              : ''}
        </p>
      </div>
      <p className="field-hint">
        Send it in the <code>X-Api-Key</code> header (or <code>api_key</code> for Open311).
      </p>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          Done, I have stored the key
        </button>
      </div>
    </div>
  );
}
