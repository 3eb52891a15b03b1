import type { KeyboardEvent } from 'react';

/** Inputs where Enter means "submit the form" to the browser (implicit submission), not "new line". */
const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'tel',
  'email',
  'url',
  'number',
  'password',
  'date',
  'datetime-local',
  'time',
]);

/**
 * For long forms that must not be sent half-filled: Enter in a text field does nothing (the browser
 * would otherwise submit the whole form from any field), and Ctrl+Enter or ⌘+Enter sends it from
 * anywhere, so a keyboard user still saves without tabbing to the button. Buttons, links, text areas
 * and selects keep their own Enter.
 */
export function submitOnlyOnPurpose(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
  const target = event.target as HTMLElement;
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault();
    event.currentTarget.requestSubmit();
    return;
  }
  if (target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type)) event.preventDefault();
}
