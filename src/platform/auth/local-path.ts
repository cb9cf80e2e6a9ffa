/**
 * Where to send someone after they sign in (`suite`). Only a path on this site is accepted, so a
 * crafted link cannot bounce an agent to another site right after they proved who they are (open
 * redirect). Anything else is ignored and the caller falls back to its default page.
 *
 * Rejected, with the reason:
 * - "//evil.fr/x": protocol-relative, the browser goes to evil.fr;
 * - "/\evil.fr": browsers read a backslash as a slash, so this is "//evil.fr";
 * - "/\t/evil.fr": browsers drop tabs and newlines from URLs, leaving "//evil.fr"; so no control
 *   character, space or non-ASCII character is accepted at all (a real path is percent-encoded);
 * - "https://evil.fr", "javascript:…": do not start with "/".
 */
export function safeLocalPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  return /^\/(?![/\\])[\x21-\x7e]*$/.test(value) && !value.includes('\\') ? value : undefined;
}
