import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'aws-cdk-lib';
import { PaletteSingleAccountStsStack } from '../../examples/aws/palette';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { summarizeCloudAssembly, describeStacksCommand } = require('../../scripts/summary');

describe('scripts/summary.js: the synth summary of the AWS examples', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'summary-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const app = new App({ outdir });
  new PaletteSingleAccountStsStack(app, 'PaletteSingleAccountSts', { paletteAccountId: '000000000000', externalId: 'example-external-id' });
  app.synth();
  const summary: string = summarizeCloudAssembly(outdir);

  test('each output by its stable key, with the command that reads a value known only after deploy', () => {
    expect(summary).toContain('   values to paste (all at once: npx cdk deploy PaletteSingleAccountSts --outputs-file PaletteSingleAccountSts.outputs.json):');
    expect(summary).toContain('    - PaletteRoleArn: Palette "ARN" / spectrocloud_backup_storage_location.s3.arn\n'
      + '      known after deploy: aws cloudformation describe-stacks --stack-name PaletteSingleAccountSts '
      + '--query "Stacks[0].Outputs[?OutputKey==\'PaletteRoleArn\'].OutputValue" --output text');
    expect(summary).toContain('    - PaletteExternalId: Palette "External ID" / spectrocloud_backup_storage_location.s3.external_id\n      example-external-id');
    expect(summary).not.toMatch(/read it from the stack outputs|BackupLocation\w*[0-9A-F]{8}:/);
  });

  test('the command', () => {
    expect(describeStacksCommand('S', 'K')).toBe('aws cloudformation describe-stacks --stack-name S --query "Stacks[0].Outputs[?OutputKey==\'K\'].OutputValue" --output text');
  });
});
