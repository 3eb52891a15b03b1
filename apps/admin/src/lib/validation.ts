/** The part of a zod issue the forms use; typed structurally so this file does not import zod. */
export interface ValidationIssue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * Turns the issues of a contracts schema's safeParse into one message per field, keyed by the
 * dotted path the API also uses in its problem details (`requester.email`, `attributes.depth`),
 * so client-side and server-side messages land next to the same field.
 */
export function fieldErrorsFromIssues(issues: readonly ValidationIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    errors[path || '_form'] ??= issue.message;
  }
  return errors;
}
