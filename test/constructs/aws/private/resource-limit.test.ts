import { App, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PaletteAccess, PaletteBackupLocation } from '../../../../src';

function locations(stack: Stack, count: number): void {
  for (let i = 0; i < count; i++) {
    new PaletteBackupLocation(stack, `Location${i}`, {
      locationName: `location-${i}`,
      access: PaletteAccess.sts({ paletteAccountId: '111111111111', externalId: 'palette-external-id' }),
    });
  }
}

describe('the resource limit of a stack of Palette locations', () => {
  test('126 STS locations (504 resources) fail in the validation phase, with the remedy, before aws-cdk-lib\'s count', () => {
    const app = new App({ analyticsReporting: false });
    locations(new Stack(app, 'Backups'), 126);
    expect(() => app.synth()).toThrow(
      'Stack Backups has 504 CloudFormation resources, over the 500 a stack may have; its 126 Palette backup locations make 504 of them (4 each). '
      + 'Split the locations across stacks (at most 125 of 4 resources per stack), or, for a location in every account, deploy one template to all of them '
      + 'with PaletteStackSetBackupLocation (a StackSet: one stack per account and region)',
    );
  });

  test('125 STS locations (500 resources) fit', () => {
    const app = new App({ analyticsReporting: false });
    locations(new Stack(app, 'Backups'), 125);
    expect(() => app.synth()).not.toThrow();
  });

  test('other resources of the stack count too, and the limit follows @aws-cdk/core:stackResourceLimit', () => {
    const app = new App({ analyticsReporting: false, context: { '@aws-cdk/core:stackResourceLimit': 10 } });
    const stack = new Stack(app, 'Backups');
    locations(stack, 2);
    new s3.CfnBucket(stack, 'Other');
    new s3.CfnBucket(stack, 'Another');
    expect(() => app.synth()).not.toThrow();
    const over = new App({ analyticsReporting: false, context: { '@aws-cdk/core:stackResourceLimit': 10 } });
    const full = new Stack(over, 'Backups');
    locations(full, 2);
    for (const id of ['A', 'B', 'C']) new s3.CfnBucket(full, id);
    expect(() => over.synth()).toThrow(/Stack Backups has 11 CloudFormation resources, over the 10 a stack may have; its 2 Palette backup locations make 8 of them \(4 each\)/);
  });

  test('a limit of 0 turns the check off, as it does aws-cdk-lib\'s', () => {
    // 504 resources, 4 of them a location's; the others are the cheapest resources there are.
    const app = new App({ analyticsReporting: false, context: { '@aws-cdk/core:stackResourceLimit': 0 } });
    const stack = new Stack(app, 'Backups');
    locations(stack, 1);
    for (let i = 0; i < 500; i++) new CfnWaitConditionHandle(stack, `Handle${i}`);
    expect(() => app.synth()).not.toThrow();
    expect(Object.keys(app.synth().getStackByName('Backups').template.Resources)).toHaveLength(504);
  });

  test('each stack is counted on its own', () => {
    // 16 resources in the app, 8 in each stack: under a limit of 10 only if counted per stack.
    const app = new App({ analyticsReporting: false, context: { '@aws-cdk/core:stackResourceLimit': 10 } });
    locations(new Stack(app, 'First'), 2);
    locations(new Stack(app, 'Second'), 2);
    expect(() => app.synth()).not.toThrow();
  });
});
