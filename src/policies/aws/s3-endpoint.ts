/**
 * The S3 URL of a backup location (Palette's "S3 URL" field, Velero's `s3Url`): an AWS endpoint
 * (VPC endpoint, FIPS) or an S3-compatible server such as MinIO.
 */
import { ruleOf, ValueRule } from '../validation';

function parse(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Applies `broken` to the URL when it parses with an http(s) scheme: the checks that only make sense then. */
function withHttp(value: string, broken: (url: URL) => boolean): boolean {
  const url = parse(value);
  return url !== undefined && ['http:', 'https:'].includes(url.protocol) && broken(url);
}

/** An http(s) endpoint URL with a host, and nothing that Velero would misread (credentials, query, path). */
export const S3_ENDPOINT_URL: ValueRule = ruleOf(
  'S3 URL',
  'Use the endpoint\'s base URL, e.g. "https://minio.example.com:9000" (no credentials, path, query or fragment).',
  [
    [(v) => parse(v) === undefined, 'it is not a valid absolute URL'],
    [(v) => /\s/.test(v), 'it must not contain white space'],
    [(v) => !!parse(v) && !['http:', 'https:'].includes(parse(v)!.protocol), 'its scheme must be http or https'],
    [(v) => withHttp(v, (u) => u.hostname === ''), 'it must name a host'],
    [(v) => withHttp(v, (u) => u.username !== '' || u.password !== ''), 'it must not contain credentials (give access keys separately)'],
    [(v) => withHttp(v, (u) => u.port === '0'), 'port 0 is not a valid port'],
    [(v) => withHttp(v, (u) => u.pathname !== '/' && u.pathname !== ''), 'it must not have a path (the bucket is a separate field)'],
    [(v) => withHttp(v, (u) => u.search !== '' || u.hash !== '' || v.includes('?') || v.includes('#')), 'it must not have a query or fragment'],
  ],
);

/** Risks a user may accept, for a URL that passed S3_ENDPOINT_URL. */
export function s3EndpointWarnings(value: string): string[] {
  const url = parse(value);
  if (!url) return [];
  return url.protocol === 'http:'
    ? [`S3 URL "${value}" uses plain http: backups and access keys cross the network unencrypted. Use https with a certificate (and give its CA as the Certificate if it is private).`]
    : [];
}

/** True when the URL's scheme is https. */
export function isHttps(value: string): boolean {
  return parse(value)?.protocol === 'https:';
}
