import { Construct } from 'constructs';
import { claimOutputPrefix, PaletteOutputs } from '../../../../src/constructs/aws/palette/outputs';
import { problemsOf } from '../../../../src/constructs/aws/private/common';
import { newStack, synth } from '../../../support/stack';

describe('PaletteOutputs', () => {
  test('outputs named <prefix><Field>, not hashed, described by the wizard model; undefined values are left out', () => {
    const stack = newStack();
    const scope = new Construct(new Construct(stack, 'Deep'), 'Location');
    new PaletteOutputs(scope, 'aws', 'PaletteProd')
      .add('bucketName', 'my-bucket')
      .add('s3Url', undefined)
      .addOther('Extra', 'x', 'something else');
    expect(synth(stack).json.Outputs).toEqual({
      PaletteProdBucketName: { Value: 'my-bucket', Description: 'Palette "S3 Bucket" / spectrocloud_backup_storage_location.bucket_name' },
      PaletteProdExtra: { Value: 'x', Description: 'something else' },
    });
  });

  test('a prefix is claimed once per stack', () => {
    const stack = newStack();
    expect(claimOutputPrefix(problemsOf(stack), stack, 'Palette').problems).toEqual([]);
    expect(claimOutputPrefix(problemsOf(stack), stack, 'Palette').problems).toEqual([
      'outputPrefix "Palette" is already used by another Palette location\'s outputs in this stack; give each location its own outputPrefix (e.g. "PaletteProd") (at Stack)',
    ]);
    expect(claimOutputPrefix(problemsOf(stack), newStack(), 'Palette').problems).toEqual([]);
  });
});
