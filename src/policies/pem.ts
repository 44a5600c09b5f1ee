/**
 * The custom CA certificate of a backup location (Palette's "Certificate" field, Velero's
 * `caCert`): X.509 certificates in PEM, which Velero adds to the trust store it uses for the S3 URL.
 */
import { X509Certificate } from 'crypto';
import { ValueRule } from './validation';

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)\r?\n?-----END \1-----/g;

/** What one certificate in a bundle says, for messages and tests. */
export interface CertificateSummary {
  readonly subject: string;
  readonly validTo: Date;
  readonly isCa: boolean;
}

/** The outcome of reading a PEM bundle. */
export interface PemBundleReport {
  /** Why the text cannot be used; empty when it can. */
  readonly problems: string[];
  /** Risks a user may accept (a certificate close to expiry, a certificate that is not a CA). */
  readonly warnings: string[];
  /** The certificates read. */
  readonly certificates: CertificateSummary[];
}

/** Reads a PEM bundle of CA certificates. `now` is a parameter so the expiry rules are testable. */
export function readCaBundle(pem: string, now: Date = new Date()): PemBundleReport {
  const problems: string[] = [];
  const warnings: string[] = [];
  const certificates: CertificateSummary[] = [];

  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    problems.push('it contains a PRIVATE KEY block: never give a private key here, only the CA certificate(s)');
  }
  const blocks = [...pem.matchAll(BLOCK)];
  for (const [, label] of blocks) {
    if (label !== 'CERTIFICATE' && !label.endsWith('PRIVATE KEY')) {
      problems.push(`it contains a "${label}" block; only CERTIFICATE blocks are allowed`);
    }
  }
  const certBlocks = blocks.filter(([, label]) => label === 'CERTIFICATE');
  if (certBlocks.length === 0 && !/-----BEGIN CERTIFICATE-----/.test(pem)) {
    problems.push('it has no "-----BEGIN CERTIFICATE-----" block');
  } else if (certBlocks.length === 0 || (pem.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length !== certBlocks.length) {
    problems.push('a CERTIFICATE block is not closed by "-----END CERTIFICATE-----"');
  }

  certBlocks.forEach(([block], i) => {
    const which = certBlocks.length > 1 ? `certificate ${i + 1}` : 'the certificate';
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch {
      problems.push(`${which} is not valid X.509 (base64 DER between the BEGIN/END lines)`);
      return;
    }
    const validTo = new Date(cert.validTo);
    const validFrom = new Date(cert.validFrom);
    const subject = cert.subject.replace(/\n/g, ', ');
    certificates.push({ subject, validTo, isCa: cert.ca });
    if (validTo.getTime() <= now.getTime()) {
      problems.push(`${which} (${subject}) expired on ${validTo.toISOString().slice(0, 10)}`);
    } else if (validTo.getTime() - now.getTime() < 30 * 24 * 3600 * 1000) {
      warnings.push(`${which} (${subject}) expires on ${validTo.toISOString().slice(0, 10)}, in less than 30 days`);
    }
    if (validFrom.getTime() > now.getTime()) {
      problems.push(`${which} (${subject}) is not valid before ${validFrom.toISOString().slice(0, 10)}`);
    }
    if (!cert.ca) {
      warnings.push(`${which} (${subject}) is not a CA certificate (basicConstraints CA:FALSE); it works only as the server's own self-signed certificate`);
    }
  });
  return { problems, warnings, certificates };
}

/** Shows PEM text in messages by its size and first certificate line, never whole. */
export function describePem(pem: string): string {
  const count = (pem.match(/-----BEGIN /g) ?? []).length;
  return `(PEM text, ${pem.length} characters, ${count} block${count === 1 ? '' : 's'})`;
}

/** The rule for the Certificate field: PEM CA certificates that parse and are in their validity period now. */
export const CA_CERTIFICATE_PEM: ValueRule = {
  subject: 'CA certificate',
  fix: 'Give the PEM text of the CA certificate(s) that signed the S3 endpoint\'s TLS certificate ("-----BEGIN CERTIFICATE-----" blocks only).',
  display: describePem,
  check: (value) => readCaBundle(value).problems,
};
