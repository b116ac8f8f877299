// SQLSTATE codes the services react to; anything else is a bug and surfaces as a 500.
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/**
 * 22021 (character_not_in_repertoire): a text value PostgreSQL cannot store, in practice a NUL
 * character from client input, which JSON and form bodies can carry but a text column cannot.
 */
export function isUnstorableText(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '22021';
}
