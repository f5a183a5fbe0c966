/**
 * A name folded for comparison: compatibility decomposition (NFKD), combining marks dropped, lower case, so
 * "Ürümqi" and "urumqi", "Hồ Chí Minh" and "ho chi minh" meet. Callers add what their own keys need
 * (punctuation to spaces, dashes for ids).
 */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
}
