import { useEffect, useRef } from 'react';

export interface QueueKeyboardHandlers {
  next: () => void;
  previous: () => void;
  toggleSelected: () => void;
  open: () => void;
  focusSearch: () => void;
  showHelp: () => void;
  newRequest: () => void;
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    // Checkboxes and buttons do not take text: shortcuts still work while one has focus.
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  }
  return false;
}

/**
 * The queue's single-key shortcuts (j/k/x/Enter, n, / and ?). They never fire while the person types
 * in a field, with a modifier held, or while a dialog is open, so they cannot eat real input.
 */
export function useQueueKeyboard(handlers: QueueKeyboardHandlers) {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('dialog[open]')) return;
      if (isTypingTarget(event.target)) return;
      const actions: Record<string, (() => void) | undefined> = {
        j: latest.current.next,
        k: latest.current.previous,
        x: latest.current.toggleSelected,
        '/': latest.current.focusSearch,
        '?': latest.current.showHelp,
        n: latest.current.newRequest,
      };
      // Enter on a link or button already does what that control says; only a bare row opens here.
      if (event.key === 'Enter') {
        const target = event.target as HTMLElement | null;
        if (target?.closest('a, button, input')) return;
        event.preventDefault();
        latest.current.open();
        return;
      }
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
