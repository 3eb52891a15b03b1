import { lazy, Suspense, useRef, useState } from 'react';
import { LoadingState } from '../../../../components/status-messages';
import type { ServiceRequestDetail } from '../../types';
import type { EditableAspect } from './edit-request-form';

// Its own chunk: the form checks with the contracts' zod schema, which reading a request does not need.
const EditRequestForm = lazy(() => import('./edit-request-form'));

const LABELS: Record<EditableAspect, string> = {
  description: 'Edit description',
  category: 'Edit category',
  location: 'Correct location',
  requester: 'Edit requester',
};

/**
 * The "Edit …" buttons of one card and the form of the aspect being edited. Focus goes into the form
 * when it opens and back to its button when it closes (saved or cancelled).
 */
export function EditActions({
  request,
  aspects,
  onSaved,
}: {
  request: ServiceRequestDetail;
  aspects: readonly EditableAspect[];
  onSaved: (message: string) => void;
}) {
  const [editing, setEditing] = useState<EditableAspect | null>(null);
  const buttons = useRef(new Map<EditableAspect, HTMLButtonElement>());

  function close(message: string | null) {
    const aspect = editing;
    setEditing(null);
    if (message) onSaved(message);
    requestAnimationFrame(() => (aspect ? buttons.current.get(aspect)?.focus() : undefined));
  }

  return (
    <div className="edit-actions">
      <div className="button-row">
        {aspects.map((aspect) => (
          <button
            key={aspect}
            type="button"
            className="button button-small"
            aria-expanded={editing === aspect}
            ref={(element) => {
              if (element) buttons.current.set(aspect, element);
            }}
            onClick={() => setEditing((current) => (current === aspect ? null : aspect))}
          >
            {LABELS[aspect]}
          </button>
        ))}
      </div>
      {editing ? (
        <Suspense fallback={<LoadingState label="Loading the form…" />}>
          <EditRequestForm
            key={`${editing}-${request.version}`}
            request={request}
            aspect={editing}
            onDone={close}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
