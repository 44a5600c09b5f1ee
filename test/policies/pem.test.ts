import { readFileSync } from 'fs';
import { join } from 'path';
import { CA_CERTIFICATE_PEM, describePem, readCaBundle } from '../../src/policies/pem';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'pem', name), 'utf8');
const CA = fixture('ca.pem');
const SECOND_CA = fixture('second-ca.pem');
const LEAF = fixture('leaf.pem');
const CSR = fixture('request.csr.pem');
const NOW = new Date('2027-01-01T00:00:00Z');

describe('readCaBundle', () => {
  test('a CA certificate is read with its subject, expiry and CA flag', () => {
    const report = readCaBundle(CA, NOW);
    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.certificates).toEqual([{ subject: 'CN=Example Backup CA', validTo: expect.any(Date), isCa: true }]);
    expect(report.certificates[0].validTo.getUTCFullYear()).toBe(2126);
  });

  test('a bundle of two CAs is read, CRLF line ends too', () => {
    const report = readCaBundle(`${CA}\n${SECOND_CA}`.replace(/\n/g, '\r\n'), NOW);
    expect(report.problems).toEqual([]);
    expect(report.certificates.map((c) => c.subject)).toEqual(['CN=Example Backup CA', 'CN=Second Backup CA']);
  });

  test('text around blocks (openssl "subject=" lines) is ignored', () => {
    expect(readCaBundle(`subject=CN = Example Backup CA\n${CA}`, NOW).problems).toEqual([]);
  });

  test('a server certificate is accepted with a warning that it is not a CA', () => {
    const report = readCaBundle(LEAF, NOW);
    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([expect.stringMatching(/^the certificate \(CN=minio\.example\.com\) is not a CA certificate/)]);
  });

  test('a private key is refused, whatever else the text holds', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n';
    expect(readCaBundle(`${CA}${key}`, NOW).problems).toEqual([
      'it contains a PRIVATE KEY block: never give a private key here, only the CA certificate(s)',
    ]);
    expect(readCaBundle(key.replace(/PRIVATE KEY/g, 'RSA PRIVATE KEY'), NOW).problems).toContain(
      'it contains a PRIVATE KEY block: never give a private key here, only the CA certificate(s)',
    );
  });

  test('other block types are refused', () => {
    expect(readCaBundle(CSR, NOW).problems).toEqual([
      'it contains a "CERTIFICATE REQUEST" block; only CERTIFICATE blocks are allowed',
      'it has no "-----BEGIN CERTIFICATE-----" block',
    ]);
  });

  test('no certificate, an unclosed block, and bad base64 are refused', () => {
    expect(readCaBundle('hello', NOW).problems).toEqual(['it has no "-----BEGIN CERTIFICATE-----" block']);
    expect(readCaBundle(CA.replace('-----END CERTIFICATE-----', ''), NOW).problems).toEqual([
      'a CERTIFICATE block is not closed by "-----END CERTIFICATE-----"',
    ]);
    expect(readCaBundle('-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----', NOW).problems).toEqual([
      'the certificate is not valid X.509 (base64 DER between the BEGIN/END lines)',
    ]);
  });

  test('validity period: expired and not-yet-valid are refused, expiring soon is a warning', () => {
    expect(readCaBundle(CA, new Date('2200-01-01')).problems).toEqual([expect.stringMatching(/^the certificate \(CN=Example Backup CA\) expired on 2126-/)]);
    expect(readCaBundle(CA, new Date('2000-01-01')).problems).toEqual([expect.stringMatching(/^the certificate \(CN=Example Backup CA\) is not valid before 2026-/)]);
    const validTo = readCaBundle(CA, NOW).certificates[0].validTo;
    const soon = new Date(validTo.getTime() - 10 * 24 * 3600 * 1000);
    expect(readCaBundle(CA, soon).warnings).toEqual([expect.stringMatching(/expires on 2126-.*in less than 30 days/)]);
  });

  test('bundles name the failing certificate by position', () => {
    const bad = '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----';
    expect(readCaBundle(`${CA}\n${bad}`, NOW).problems).toEqual(['certificate 2 is not valid X.509 (base64 DER between the BEGIN/END lines)']);
  });
});

describe('CA_CERTIFICATE_PEM', () => {
  test('uses the report and never echoes the PEM text', () => {
    expect(CA_CERTIFICATE_PEM.check(CA)).toEqual([]);
    expect(CA_CERTIFICATE_PEM.check(CSR)).toHaveLength(2);
    expect(describePem(CA)).toBe(`(PEM text, ${CA.length} characters, 1 block)`);
    expect(describePem(`${CA}${SECOND_CA}`)).toMatch(/2 blocks\)$/);
  });
});
