import { newMinioKeySecret } from '../../../../src/constructs/aws/private/minio-user';
import { acknowledgements } from '../../../support/nag';
import { newStack, synth } from '../../../support/stack';

describe('newMinioKeySecret', () => {
  test('a secret with the access key as given and a generated 40-character secret key, no punctuation; SMG4 acknowledged with its reason', () => {
    const stack = newStack();
    newMinioKeySecret(stack, 'Keys', 'rudderstack-events', 'MinIO user keys');
    const { resolver } = synth(stack);
    expect(resolver.only('AWS::SecretsManager::Secret').resource.Properties).toEqual({
      Description: 'MinIO user keys',
      GenerateSecretString: {
        SecretStringTemplate: '{"accessKeyId":"rudderstack-events"}',
        GenerateStringKey: 'secretAccessKey',
        PasswordLength: 40,
        ExcludePunctuation: true,
      },
    });
    expect(acknowledgements(stack)).toEqual([{ id: 'AwsSolutions-SMG4', path: expect.stringMatching(/^Stack\/Keys/), reason: expect.stringMatching(/only the MinIO server can change/) }]);
  });
});
