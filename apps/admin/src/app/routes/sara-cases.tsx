import { useParams } from 'react-router-dom';
import { CandidatesPage } from '../../features/sara/components/candidates-page';
import { SaraCasePage } from '../../features/sara/components/case-page';
import { NewCaseForm } from '../../features/sara/components/new-case-form';
import { SaraBoard } from '../../features/sara/components/sara-board';

export function SaraCasesRoute() {
  return <SaraBoard />;
}

export function SaraCaseRoute() {
  const { caseId } = useParams();
  return <SaraCasePage key={caseId} caseId={caseId ?? ''} />;
}

export function NewSaraCaseRoute() {
  return <NewCaseForm />;
}

export function SaraCandidatesRoute() {
  return <CandidatesPage />;
}
