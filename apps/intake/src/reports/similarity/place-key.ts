// "The same place" for grouping (pure).

/** A place name as compared: NFKC, no whitespace or punctuation, lower case (城关区 / 城关区 / 城关 区 are one). */
export function normalizePlace(name: string | undefined | null): string {
  return (name ?? '').normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
}

/**
 * The place key of a report: normalised district and township, "district/township" (either side may be empty but
 * not both). Reports are grouped by text only when their place keys are equal; a report with neither district nor
 * township has no key and is never grouped on its text. The street address is not part of the key: it is written too
 * differently from channel to channel, and it is in the text the fingerprint compares anyway.
 */
export function placeKey(location: { district?: string | null; township?: string | null }): string | null {
  const district = normalizePlace(location.district);
  const township = normalizePlace(location.township);
  if (!district && !township) return null;
  return `${district}/${township}`;
}
