import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

/**
 * A new Secrets Manager secret for a MinIO user's keys, `{"accessKeyId": ..., "secretAccessKey": ...}`,
 * with `accessKeyId` as given and a generated 40-character `secretAccessKey` (letters and digits):
 * create the MinIO user with them (`mc admin user add ALIAS ACCESS SECRET`). Shared by every vendor's
 * MinIO construct (Palette's and RudderStack's).
 */
export function newMinioKeySecret(scope: Construct, id: string, accessKeyId: string, description: string): secretsmanager.Secret {
  const secret = new secretsmanager.Secret(scope, id, {
    description,
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ accessKeyId }),
      generateStringKey: 'secretAccessKey',
      passwordLength: 40,
      excludePunctuation: true,
    },
  });
  acknowledge(
    secret,
    'AwsSolutions-SMG4',
    'The secret holds a MinIO user\'s keys, which only the MinIO server can change: rotate them with `mc admin user` and put the new secret key here.',
  );
  return secret;
}
