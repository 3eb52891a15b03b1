import { PageHeader } from './page-header';

export function ComingSoon({ title, description }: { title: string; description: string }) {
  return (
    <div className="page">
      <PageHeader title={title} description={description} />
      <div className="card">
        <p>
          <strong>Coming soon.</strong> This part of NSP is being built.
        </p>
      </div>
    </div>
  );
}
