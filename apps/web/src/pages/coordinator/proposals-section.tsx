/** Pairing proposals with their score breakdown, pin and forbid: filled in when the pairing engine's API lands. */
export function ProposalsSection() {
  return null;
}
