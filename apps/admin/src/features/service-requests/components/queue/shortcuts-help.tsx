import { Dialog } from '../../../../components/dialog';

export const QUEUE_SHORTCUTS: readonly { keys: string[]; action: string }[] = [
  { keys: ['j'], action: 'Move to the next request' },
  { keys: ['k'], action: 'Move to the previous request' },
  { keys: ['x'], action: 'Select or unselect the current request' },
  { keys: ['Enter'], action: 'Open the current request' },
  { keys: ['/'], action: 'Search' },
  { keys: ['n'], action: 'Take a new request' },
  { keys: ['?'], action: 'Show these shortcuts' },
  { keys: ['Esc'], action: 'Leave the search box or close this dialog' },
];

export function ShortcutsHelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      title="Keyboard shortcuts"
      onClose={onClose}
      description="In the request queue, when you are not typing in a field:"
    >
      <table className="table shortcuts-table">
        <caption className="visually-hidden">Keyboard shortcuts of the request queue</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {QUEUE_SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.action}>
              <td>
                {shortcut.keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </td>
              <td>{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
