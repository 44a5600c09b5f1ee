/**
 * The S3 URL of a backup location (Palette's "S3 URL" / "Endpoint URL" field, Velero's `s3Url`): an
 * AWS endpoint (VPC endpoint, FIPS) or an S3-compatible server such as MinIO.
 *
 * Velero is written in Go and reads the URL with Go's `net/url` (`url.Parse`), not with a WHATWG
 * parser such as Node's `URL`. The two disagree on exactly the inputs a typo produces: WHATWG reads
 * `https:/host`, `https:host` and `https:\\host` as `https://host/`, where Go sees no host at all
 * (a path, an opaque string, an invalid host character). So the URL is parsed here as Go would, and
 * refused unless Go and WHATWG agree on its scheme, host and port.
 */
import { ruleOf, ValueRule } from '../validation';

/** A URL as Go's `net/url` `url.Parse` splits it (the fields Velero uses). */
export interface GoUrl {
  /** The scheme, lowercased as Go does (empty for a relative reference). */
  readonly scheme: string;
  /** What follows `scheme:` when it does not start with `/` (`https:host` -> `host`). */
  readonly opaque: string;
  /** Whether the URL has an authority (`//...`). */
  readonly hasAuthority: boolean;
  /** The userinfo before `@`, if any. */
  readonly userinfo?: string;
  /** The host without the port (IPv6 literals keep their brackets). */
  readonly hostname: string;
  /** The port after `:`, possibly empty. */
  readonly port?: string;
  /** The path. */
  readonly path: string;
  /** The query after `?`, if any. */
  readonly query?: string;
  /** The fragment after `#`, if any. */
  readonly fragment?: string;
}

/** The characters Go's `net/url` allows unescaped in a host (`shouldEscape(c, encodeHost)` is false). */
const GO_HOST_CHARS = /^[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"\x80-\uffff%]*$/;

/**
 * Splits `raw` as Go's `url.Parse` does, or returns `undefined` where Go returns an error (control
 * characters, a missing scheme before ":", a bad port, a host character Go refuses).
 */
export function parseUrlAsGo(raw: string): GoUrl | undefined {
  if (/[\x00-\x1f\x7f]/.test(raw)) return undefined;
  const hash = raw.indexOf('#');
  const fragment = hash >= 0 ? raw.slice(hash + 1) : undefined;
  let rest = hash >= 0 ? raw.slice(0, hash) : raw;

  let scheme = '';
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1].toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  } else if (rest.startsWith(':')) {
    return undefined; // "missing protocol scheme"
  }

  const question = rest.indexOf('?');
  const query = question >= 0 ? rest.slice(question + 1) : undefined;
  if (question >= 0) rest = rest.slice(0, question);

  if (scheme !== '' && !rest.startsWith('/')) {
    return { scheme, opaque: rest, hasAuthority: false, hostname: '', path: '', query, fragment };
  }
  if (!rest.startsWith('//')) {
    return { scheme, opaque: '', hasAuthority: false, hostname: '', path: rest, query, fragment };
  }
  const afterSlashes = rest.slice(2);
  const slash = afterSlashes.indexOf('/');
  const authority = slash >= 0 ? afterSlashes.slice(0, slash) : afterSlashes;
  const path = slash >= 0 ? afterSlashes.slice(slash) : '';

  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;

  let hostname = hostPort;
  let port: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.lastIndexOf(']');
    if (close < 0) return undefined; // "missing ']' in host"
    const colonPort = hostPort.slice(close + 1);
    if (colonPort !== '' && !/^:\d*$/.test(colonPort)) return undefined; // "invalid port"
    hostname = hostPort.slice(0, close + 1);
    port = colonPort === '' ? undefined : colonPort.slice(1);
  } else {
    const colon = hostPort.lastIndexOf(':');
    if (colon >= 0) {
      if (!/^\d*$/.test(hostPort.slice(colon + 1))) return undefined; // "invalid port"
      hostname = hostPort.slice(0, colon);
      port = hostPort.slice(colon + 1);
    }
  }
  if (!GO_HOST_CHARS.test(hostname)) return undefined; // "invalid character in host name"
  return { scheme, opaque: '', hasAuthority: true, userinfo, hostname, port, path, query, fragment };
}

const DNS_NAME = /^(?=.{1,253}\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const DOTTED_NUMBERS = /^\d+(\.\d+){3}$/;
const IPV6_LITERAL = /^\[[0-9A-Fa-f:.]+\]$/;

/** True when `host` is 4 dotted decimal numbers of 0-255. */
function isIpv4(host: string): boolean {
  return DOTTED_NUMBERS.test(host) && host.split('.').every((part) => Number(part) <= 255);
}

/** Applies `broken` to the URL when Go parses it with an http(s) scheme and an authority. */
function withHttp(value: string, broken: (url: GoUrl) => boolean): boolean {
  const url = parseUrlAsGo(value);
  return url !== undefined && ['http', 'https'].includes(url.scheme) && url.hasAuthority && broken(url);
}

/** Shows a URL in a message without the userinfo, which may hold a password. */
export function redactUserinfo(value: string): string {
  return JSON.stringify(value.includes('@') ? value.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)?[\s\S]*@/, '$1***@') : value);
}

/**
 * An http(s) endpoint URL with a host, that Go's `net/url` (Velero) and WHATWG parsers read alike,
 * and nothing that Velero would misread (credentials, query, path).
 */
export const S3_ENDPOINT_URL: ValueRule = ruleOf(
  'S3 URL',
  'Use the endpoint\'s base URL, e.g. "https://minio.example.com:9000" (no credentials, path, query or fragment).',
  [
    [(v) => v.includes('\\'), 'backslashes are not allowed (a WHATWG parser reads "\\" as "/"; Go\'s net/url, which Velero uses, refuses it)'],
    [(v) => /[\s\x00-\x1f\x7f]/.test(v), 'it must not contain white space or control characters'],
    [(v) => !v.includes('\\') && !/\s/.test(v) && parseUrlAsGo(v) === undefined, 'it is not a valid absolute URL (Go\'s net/url refuses it)'],
    [(v) => !!parseUrlAsGo(v) && !['http', 'https'].includes(parseUrlAsGo(v)?.scheme ?? ''), 'its scheme must be http or https'],
    [
      (v) => ['http', 'https'].includes(parseUrlAsGo(v)?.scheme ?? '') && parseUrlAsGo(v)?.hasAuthority === false,
      'it must start with "http://" or "https://" (Go\'s net/url, which Velero uses, reads "https:host" and "https:/host" as having no host)',
    ],
    [(v) => withHttp(v, (u) => u.hostname === ''), 'it must name a host'],
    [(v) => withHttp(v, (u) => u.userinfo !== undefined), 'it must not contain credentials (give access keys separately)'],
    [
      (v) => withHttp(v, (u) => u.hostname !== '' && !DNS_NAME.test(u.hostname) && !IPV6_LITERAL.test(u.hostname)),
      'its host must be a DNS name (ASCII letters, digits, hyphens and dots; write an internationalized name in its "xn--" form) or an IP address',
    ],
    [(v) => withHttp(v, (u) => DOTTED_NUMBERS.test(u.hostname) && !isIpv4(u.hostname)), 'its host is not a valid IPv4 address'],
    [(v) => withHttp(v, (u) => u.port !== undefined && !(/^\d{1,5}$/.test(u.port) && Number(u.port) >= 1 && Number(u.port) <= 65535)), 'its port must be 1-65535'],
    [(v) => withHttp(v, (u) => u.path !== '/' && u.path !== ''), 'it must not have a path (the bucket is a separate field)'],
    [(v) => v.includes('?') || v.includes('#'), 'it must not have a query or fragment'],
  ],
  redactUserinfo,
);

/** A risk a user may accept, with the ID of its warning. */
export interface EndpointWarning {
  /** The warning's ID (after `saas-backup-constructs:`). */
  readonly id: string;
  /** The message. */
  readonly message: string;
}

/** True when `hostname` (as GoUrl gives it) names this machine: localhost, 127.0.0.0/8, 0.0.0.0, ::1 or ::. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIpv4(host)) return host.startsWith('127.') || host === '0.0.0.0';
  if (!IPV6_LITERAL.test(host)) return false;
  const inner = host.slice(1, -1);
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(inner);
  if (mapped) return isLoopbackHost(mapped[1]);
  const expanded = inner.replace(/^::/, '0::').replace(/::$/, '::0');
  const groups = expanded.split(':').filter((g) => g !== '');
  const numbers = groups.map((g) => parseInt(g, 16));
  return numbers.slice(0, -1).every((n) => n === 0) && [0, 1].includes(numbers[numbers.length - 1] ?? 0);
}

/** Risks a user may accept, for a URL that passed S3_ENDPOINT_URL. */
export function s3EndpointWarnings(value: string): EndpointWarning[] {
  const url = parseUrlAsGo(value);
  if (!url || !url.hasAuthority) return [];
  const warnings: EndpointWarning[] = [];
  if (url.scheme === 'http') {
    warnings.push({
      id: 'PlainHttpEndpoint',
      message: `S3 URL "${value}" uses plain http: backups and access keys cross the network unencrypted. Use https with a certificate (and give its CA as the Certificate if it is private).`,
    });
  }
  if (isLinkLocalHost(url.hostname)) {
    warnings.push({
      id: 'LinkLocalEndpoint',
      message: `S3 URL "${value}" is a link-local address (169.254.0.0/16 or fe80::/10), where clouds serve their instance metadata: `
        + 'no S3 endpoint lives there. Use the address of the S3 service.',
    });
  }
  if (isLoopbackHost(url.hostname)) {
    warnings.push({
      id: 'LoopbackEndpoint',
      message: `S3 URL "${value}" names this machine (localhost or a loopback address): Palette's SaaS cannot reach it to validate the location, `
        + 'and inside a cluster it names Velero\'s own pod. Use an address that Palette and the clusters can reach.',
    });
  }
  return warnings;
}

/** Whether a host is link-local: IPv4 169.254.0.0/16 or an IPv6 fe80::/10 literal. */
export function isLinkLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (isIpv4(host)) return host.startsWith('169.254.');
  return IPV6_LITERAL.test(host) && /^\[fe[89ab][0-9a-f]?:/.test(host);
}

/**
 * The DNS suffixes of AWS endpoints, per partition (botocore's and the AWS SDKs' partitions.json,
 * `dnsSuffix` and `dualStackDnsSuffix`): an S3 URL for a bucket on AWS names a host under one of them.
 */
export const AWS_ENDPOINT_DNS_SUFFIXES: readonly string[] = [
  'amazonaws.com', 'api.aws', 'amazonaws.com.cn', 'api.amazonwebservices.com.cn', 'c2s.ic.gov', 'sc2s.sgov.gov',
  'cloud.adc-e.uk', 'csp.hci.ic.gov', 'amazonaws.eu',
];

/**
 * Risks of an S3 URL given for a bucket on AWS (the AWS location's "S3 URL": a VPC or FIPS endpoint),
 * besides `s3EndpointWarnings`: a host outside AWS (Velero would send the backups, cluster secrets
 * included, there, whatever the IAM policy says), and a regional endpoint of another region than the
 * bucket's (`bucketRegion`, when known).
 */
export function awsS3EndpointWarnings(value: string, bucketRegion: string | undefined): EndpointWarning[] {
  const url = parseUrlAsGo(value);
  if (!url || !url.hasAuthority) return [];
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (isLoopbackHost(host) || isLinkLocalHost(host)) return [];
  if (!AWS_ENDPOINT_DNS_SUFFIXES.some((suffix) => host.endsWith(`.${suffix}`))) {
    return [{
      id: 'NonAwsEndpoint',
      message: `S3 URL "${value}" is not an AWS endpoint (a host under ${AWS_ENDPOINT_DNS_SUFFIXES.join(', ')}): Velero sends the backups, the `
        + 'cluster\'s secrets among them, to that host, whatever the IAM policy allows. Give the bucket\'s S3 endpoint (or its VPC endpoint), '
        + 'or leave s3Url out; for an S3-compatible store use PaletteMinioBackupLocation.',
    }];
  }
  const endpointRegion = /(?:^|\.)s3(?:-fips)?(?:\.dualstack)?[.-]((?:[a-z]{2}|us-gov|us-iso[a-z]?|eu-isoe|eusc)(?:-[a-z]+)+-\d+)\./.exec(host)?.[1];
  if (endpointRegion !== undefined && bucketRegion !== undefined && endpointRegion !== bucketRegion) {
    return [{
      id: 'EndpointRegionMismatch',
      message: `S3 URL "${value}" is an endpoint of ${endpointRegion}, but the bucket is in ${bucketRegion}: S3 answers a request for another `
        + 'region\'s bucket with a redirect or an error. Give the endpoint of the bucket\'s region.',
    }];
  }
  return [];
}
