import { useId } from 'react';
import { languageLabel } from '../../../../lib/languages';
import type { ServiceRequestDetail } from '../../types';
import { EditActions } from './edit-actions';

/**
 * The requester's contact (personal data: the API sends it only to roles allowed to see it) and,
 * prominently, the language to answer in.
 */
export function RequesterCard({
  request,
  canEdit = false,
  onSaved = () => {},
}: {
  request: ServiceRequestDetail;
  canEdit?: boolean;
  onSaved?: (message: string) => void;
}) {
  const id = useId();
  const requester = request.requester;
  const language = request.requesterLanguage;
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Requester</h2>
      <p className={`language-callout${language && language !== 'en' ? ' is-other' : ''}`}>
        <span className="language-callout-label">Answer in</span>{' '}
        <strong lang="en">{languageLabel(language ?? 'en')}</strong>
        {language ? '' : ' (no preference stated)'}
      </p>
      {requester === undefined ? (
        <p className="muted">Contact details are not shown to your role.</p>
      ) : requester.name || requester.phone || requester.email ? (
        <dl className="details-list">
          {requester.name ? (
            <>
              <dt>Name</dt>
              <dd>{requester.name}</dd>
            </>
          ) : null}
          {requester.phone ? (
            <>
              <dt>Phone</dt>
              <dd>
                <a href={`tel:${requester.phone.replace(/[^\d+]/g, '')}`}>{requester.phone}</a>
              </dd>
            </>
          ) : null}
          {requester.email ? (
            <>
              <dt>E-mail</dt>
              <dd>
                <a href={`mailto:${requester.email}`}>{requester.email}</a>
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted">Anonymous: no contact details were given.</p>
      )}
      {canEdit && requester !== undefined ? (
        <EditActions request={request} aspects={['requester']} onSaved={onSaved} />
      ) : null}
    </section>
  );
}
