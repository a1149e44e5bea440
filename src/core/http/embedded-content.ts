/**
 * Haven stores metadata only. These patterns catch a file or image smuggled into a text field:
 * a data: URI, a long base64 or hex run (longer than a SHA-256 digest), or control/binary bytes.
 */
const DATA_URI = /data:[a-z0-9.+-]*\/?[a-z0-9.+-]*[;,]/i;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD\uFFFE\uFFFF]/;
const HEX_RUN = /[0-9a-f]{65,}/i;
const BASE64_RUN = /[A-Za-z0-9+/_-]{80,}={0,2}/;

export function embeddedContentProblem(value: string): string | null {
  if (DATA_URI.test(value)) return 'looks like embedded content (a data: URI); Haven stores metadata only';
  if (CONTROL.test(value)) return 'contains control or binary characters';
  if (HEX_RUN.test(value)) return 'contains a hex run longer than a SHA-256 digest; Haven stores metadata only';
  if (BASE64_RUN.test(value)) return 'looks like encoded file content (a long base64 run); Haven stores metadata only';
  return null;
}

/** Every string in a JSON value that looks like embedded content, with its path. */
export function findEmbeddedContent(value: unknown, path = ''): { field: string; message: string }[] {
  if (typeof value === 'string') {
    const problem = embeddedContentProblem(value);
    return problem ? [{ field: path || '(body)', message: problem }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findEmbeddedContent(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
      const keyProblem = embeddedContentProblem(k);
      const here = path ? `${path}.${k}` : k;
      return [...(keyProblem ? [{ field: here, message: keyProblem }] : []), ...findEmbeddedContent(v, here)];
    });
  }
  return [];
}
