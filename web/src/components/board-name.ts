// What the API accepts as a board name (1 to 180 characters, not blank). Pure.
export const BOARD_NAME_MAX = 180;

export function validateBoardName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Give your board a name.';
  if (trimmed.length > BOARD_NAME_MAX) return `Board names can be up to ${BOARD_NAME_MAX} characters.`;
  return null;
}
