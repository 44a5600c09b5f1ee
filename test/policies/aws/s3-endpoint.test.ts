import {
  awsS3EndpointWarnings,
  isLinkLocalHost,
  isLoopbackHost,
  parseUrlAsGo,
  redactUserinfo,
  S3_ENDPOINT_URL,
  s3EndpointWarnings,
} from '../../../src/policies/aws/s3-endpoint';

describe('parseUrlAsGo splits a URL as Go\'s net/url url.Parse does', () => {
  test.each([
    ['https://minio.example.com:9000', { scheme: 'https', opaque: '', hasAuthority: true, hostname: 'minio.example.com', port: '9000', path: '' }],
    ['HTTPS://Minio.Example.com/', { scheme: 'https', opaque: '', hasAuthority: true, hostname: 'Minio.Example.com', path: '/' }],
    ['https:/minio.example.com', { scheme: 'https', opaque: '', hasAuthority: false, hostname: '', path: '/minio.example.com' }],
    ['https:minio.example.com', { scheme: 'https', opaque: 'minio.example.com', hasAuthority: false, hostname: '', path: '' }],
    ['minio.example.com:9000', { scheme: 'minio.example.com', opaque: '9000', hasAuthority: false, hostname: '', path: '' }],
    ['http://u:p@10.0.0.5:9000/x?y#z', { scheme: 'http', opaque: '', hasAuthority: true, userinfo: 'u:p', hostname: '10.0.0.5', port: '9000', path: '/x', query: 'y', fragment: 'z' }],
    ['https://[::1]:9000', { scheme: 'https', opaque: '', hasAuthority: true, hostname: '[::1]', port: '9000', path: '' }],
    ['https://minio.example.com:', { scheme: 'https', opaque: '', hasAuthority: true, hostname: 'minio.example.com', port: '', path: '' }],
  ])('%s', (raw, expected) => {
    expect(parseUrlAsGo(raw)).toEqual(expected);
  });

  test.each(['https://minio\\example.com', 'https://[::1:9000', 'https://minio.example.com:90a', '://minio.example.com', 'https://minio example.com', 'https://mi{nio}.com', 'https://minio.example.com\n'])(
    'refuses %j as Go does',
    (raw) => expect(parseUrlAsGo(raw)).toBeUndefined(),
  );
});

describe('S3_ENDPOINT_URL', () => {
  test.each([
    'https://minio.example.com:9000',
    'http://10.0.0.5:9000',
    'https://s3.us-east-1.amazonaws.com',
    'https://bucket.vpce-1a2b.s3.us-east-1.vpce.amazonaws.com/',
    'https://[::1]:9000',
    'https://s3.eusc-de-east-1.amazonaws.eu',
    'HTTPS://MINIO.EXAMPLE.COM',
  ])('accepts %s', (url) => expect(S3_ENDPOINT_URL.check(url)).toEqual([]));

  const NO_HOST = 'it must start with "http://" or "https://" (Go\'s net/url, which Velero uses, reads "https:host" and "https:/host" as having no host)';
  test.each([
    ['minio.example.com:9000', ['its scheme must be http or https']],
    ['not a url', ['it must not contain white space or control characters', 'its scheme must be http or https']],
    ['ftp://minio.example.com', ['its scheme must be http or https']],
    ['https:/minio.example.com', [NO_HOST]],
    ['https:minio.example.com', [NO_HOST]],
    ['https:\\\\minio.example.com', ['backslashes are not allowed (a WHATWG parser reads "\\" as "/"; Go\'s net/url, which Velero uses, refuses it)', NO_HOST]],
    ['https://minio.example.com\\', ['backslashes are not allowed (a WHATWG parser reads "\\" as "/"; Go\'s net/url, which Velero uses, refuses it)']],
    ['https://', ['it must name a host']],
    ['https://user:pass@minio.example.com', ['it must not contain credentials (give access keys separately)']],
    ['https://minio.example.com:0', ['its port must be 1-65535']],
    ['https://minio.example.com:65536', ['its port must be 1-65535']],
    ['https://minio.example.com:', ['its port must be 1-65535']],
    ['https://minio.example.com:9x', ['it is not a valid absolute URL (Go\'s net/url refuses it)']],
    ['https://minio_1.example.com', ['its host must be a DNS name (ASCII letters, digits, hyphens and dots; write an internationalized name in its "xn--" form) or an IP address']],
    ['https://mínio.example.com', ['its host must be a DNS name (ASCII letters, digits, hyphens and dots; write an internationalized name in its "xn--" form) or an IP address']],
    ['https://minio.example.com/bucket', ['it must not have a path (the bucket is a separate field)']],
    ['https://minio.example.com?x=1', ['it must not have a query or fragment']],
    ['https://minio.example.com#top', ['it must not have a query or fragment']],
    ['http://12.123.234.567:0000', ['its host is not a valid IPv4 address', 'its port must be 1-65535']],
    ['https://minio.example.com\t', ['it must not contain white space or control characters']],
    [':9000', ['it is not a valid absolute URL (Go\'s net/url refuses it)']],
  ])('refuses %j', (url, problems) => expect(S3_ENDPOINT_URL.check(url)).toEqual(problems));

  test.each([
    ['https://velero:s3cr3t@minio.example.com', '"https://***@minio.example.com"'],
    ['https://velero:s3/cr@t@minio.example.com/x', '"https://***@minio.example.com/x"'],
    ['velero:s3cr3t@minio.example.com', '"***@minio.example.com"'],
    ['https://minio.example.com', '"https://minio.example.com"'],
  ])('never shows the userinfo of %s', (url, shown) => {
    expect(redactUserinfo(url)).toBe(shown);
    expect(S3_ENDPOINT_URL.display?.(url)).toBe(shown);
  });
});

describe('s3EndpointWarnings', () => {
  const HTTP = (url: string) => ({
    id: 'PlainHttpEndpoint',
    message: `S3 URL "${url}" uses plain http: backups and access keys cross the network unencrypted. Use https with a certificate (and give its CA as the Certificate if it is private).`,
  });
  const LOOPBACK = (url: string) => ({
    id: 'LoopbackEndpoint',
    message: `S3 URL "${url}" names this machine (localhost or a loopback address): Palette's SaaS cannot reach it to validate the location, `
      + 'and inside a cluster it names Velero\'s own pod. Use an address that Palette and the clusters can reach.',
  });
  test.each([
    ['http://10.0.0.5:9000', [HTTP('http://10.0.0.5:9000')]],
    ['https://minio.example.com', []],
    ['::bad', []],
    ['https://localhost:9000', [LOOPBACK('https://localhost:9000')]],
    ['https://LOCALHOST.', [LOOPBACK('https://LOCALHOST.')]],
    ['https://minio.localhost', [LOOPBACK('https://minio.localhost')]],
    ['http://127.0.0.1:9000', [HTTP('http://127.0.0.1:9000'), LOOPBACK('http://127.0.0.1:9000')]],
    ['https://127.10.20.30', [LOOPBACK('https://127.10.20.30')]],
    ['https://0.0.0.0:9000', [LOOPBACK('https://0.0.0.0:9000')]],
    ['https://[::1]:9000', [LOOPBACK('https://[::1]:9000')]],
    ['https://[::ffff:127.0.0.1]', [LOOPBACK('https://[::ffff:127.0.0.1]')]],
    ['https://[2001:db8::1]', []],
    ['https://localhost.example.com', []],
  ])('%s', (url, warnings) => expect(s3EndpointWarnings(url)).toEqual(warnings));

  test.each([
    ['localhost', true], ['[::]', true], ['[0:0:0:0:0:0:0:1]', true], ['128.0.0.1', false], ['[fe80::1]', false], ['[::2]', false],
  ])('isLoopbackHost(%s) is %s', (host, loopback) => expect(isLoopbackHost(host)).toBe(loopback));

});

describe('isLinkLocalHost', () => {
  test.each<[string, boolean]>([
    ['169.254.169.254', true], ['169.254.0.1', true], ['[fe80::1]', true], ['[FEBF::1]', true],
    ['169.255.0.1', false], ['10.0.0.5', false], ['[fec0::1]', false], ['[::1]', false], ['s3.amazonaws.com', false],
  ])('%s: %s', (host, linkLocal) => {
    expect(isLinkLocalHost(host)).toBe(linkLocal);
  });
});

describe('awsS3EndpointWarnings: an S3 URL for a bucket on AWS', () => {
  test.each<[string, string | undefined, string[]]>([
    ['https://s3.us-east-1.amazonaws.com', 'us-east-1', []],
    ['https://s3.dualstack.eu-west-1.amazonaws.com', 'eu-west-1', []],
    ['https://s3.cn-north-1.amazonaws.com.cn', 'cn-north-1', []],
    ['https://s3-fips.us-gov-west-1.amazonaws.com', 'us-gov-west-1', []],
    ['https://s3.us-east-1.amazonaws.com', undefined, []],
    ['https://s3.eu-west-1.amazonaws.com', 'us-east-1', ['EndpointRegionMismatch']],
    ['https://minio.example.com', 'us-east-1', ['NonAwsEndpoint']],
    ['https://amazonaws.com.example.net', 'us-east-1', ['NonAwsEndpoint']],
    ['https://localhost:9000', 'us-east-1', []],
  ])('%s (bucket in %s): %j', (url, region, ids) => {
    expect(awsS3EndpointWarnings(url, region).map((w) => w.id)).toEqual(ids);
  });
});
