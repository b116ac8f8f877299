// The state of a form of text fields: the values, a problem per field, and the props that wire one
// field to both. Typing in a field clears that field's problem, as Pinterest's forms do.
import { useState } from 'react';

export type FieldProblems<F> = Partial<Record<keyof F, string>>;

export function useFieldForm<F extends { [K in keyof F]: string }>(
  initial: F,
  /** Called on every edit (a form clears its general error there, say). */
  onEdit?: () => void,
) {
  const [values, setValues] = useState<F>(initial);
  const [problems, setProblems] = useState<FieldProblems<F>>({});

  /** Props for a Gestalt TextField or TextArea showing `name`. */
  const field = (name: keyof F) => ({
    value: values[name],
    errorMessage: problems[name],
    onChange: ({ value }: { value: string }) => {
      setValues((current) => ({ ...current, [name]: value }));
      setProblems((current) => ({ ...current, [name]: undefined }));
      onEdit?.();
    },
  });

  return { values, setValues, problems, setProblems, field };
}
