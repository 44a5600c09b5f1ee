import { Annotations, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { readCaBundle } from '../../../policies/pem';
import { s3EndpointWarnings } from '../../../policies/s3-endpoint';
import { ValidationProblems } from '../../../policies/validation';

/** Collects the input problems of `scope`; aws-cdk-lib tokens are not validated. */
export function problemsOf(scope: IConstruct): ValidationProblems {
  return new ValidationProblems(scope.node.path, Token.isUnresolved);
}

/** A warning a user may acknowledge with `Annotations.of(scope).acknowledgeWarning(id)`. */
export function warn(scope: IConstruct, id: string, message: string): void {
  Annotations.of(scope).addWarningV2(`saas-backup-constructs:${id}`, message);
}

/** The S3 endpoint through which a key may be used for SSE-KMS in the bucket's region: `s3.REGION.URLSUFFIX`. */
export function s3ServiceEndpoint(scope: IConstruct, region?: string): string {
  const stack = Stack.of(scope);
  return `s3.${region ?? stack.region}.${stack.urlSuffix}`;
}

/** Warnings a user may accept about an S3 URL and a CA bundle that passed validation. */
export function warnAboutEndpoint(scope: IConstruct, s3Url: string | undefined, caCertificatePem: string | undefined): void {
  if (s3Url !== undefined && !Token.isUnresolved(s3Url)) {
    for (const warning of s3EndpointWarnings(s3Url)) warn(scope, 'PlainHttpEndpoint', warning);
  }
  if (caCertificatePem !== undefined && !Token.isUnresolved(caCertificatePem)) {
    for (const warning of readCaBundle(caCertificatePem).warnings) warn(scope, 'CertificateWarning', `Certificate: ${warning}`);
  }
}
