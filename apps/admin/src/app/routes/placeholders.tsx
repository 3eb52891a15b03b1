import { ComingSoon } from '../../components/coming-soon';

// Areas still to be built; each gets its own feature folder and route module when it lands.

export function SaraCasesRoute() {
  return (
    <ComingSoon
      title="SARA cases"
      description="Problems worked through Scanning, Analysis, Response and Assessment."
    />
  );
}
