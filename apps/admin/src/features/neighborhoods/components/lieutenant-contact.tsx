import type { NeighborhoodLieutenant } from '../types';

export function LieutenantContact({ lieutenant }: { lieutenant: NeighborhoodLieutenant | null }) {
  if (!lieutenant) return <span className="muted">No coordination lieutenant assigned</span>;
  return (
    <span className="contact">
      <span className="contact-name">
        {lieutenant.title ? `${lieutenant.title} ` : ''}
        {lieutenant.name}
      </span>
      {lieutenant.phone ? (
        <a href={`tel:${lieutenant.phone.replace(/[^\d+]/g, '')}`} className="contact-line">
          <span className="visually-hidden">Phone: </span>
          {lieutenant.phone}
        </a>
      ) : null}
      {lieutenant.email ? (
        <a href={`mailto:${lieutenant.email}`} className="contact-line">
          <span className="visually-hidden">Email: </span>
          {lieutenant.email}
        </a>
      ) : null}
    </span>
  );
}
