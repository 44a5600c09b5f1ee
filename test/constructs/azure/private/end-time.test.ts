import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { warnIfInThePast } from '../../../../src/constructs/azure/private/end-time';

const warningsOf = (c: Construct) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data as string);
const NOW = Date.parse('2026-12-08T00:00:00Z');

describe('warnIfInThePast', () => {
  test.each<[string, (scope: Construct) => unknown, string[]]>([
    ['a time in the past', () => '2026-12-07T23:59:59Z', ['[saas-backup-constructs:Expired] end 2026-12-07T23:59:59Z is in the past: it fails. Give a future date.']],
    ['exactly now', () => '2026-12-08T00:00:00Z', ['[saas-backup-constructs:Expired] end 2026-12-08T00:00:00Z is in the past: it fails. Give a future date.']],
    ['a time in the future', () => '2026-12-08T00:00:01Z', []],
    ['a token', (s) => new TerraformVariable(s, 'end', { type: 'string' }).stringValue, []],
    ['not a time', () => 'soon', []],
    ['not a string', () => 5, []],
    ['undefined', () => undefined, []],
  ])('%s', (_name, make, expected) => {
    const scope = new Construct(new TerraformStack(Testing.app(), 'stack'), 'Owner');
    warnIfInThePast(scope, 'Expired', 'end', make(scope), 'it fails.', NOW);
    expect(warningsOf(scope)).toEqual(expected);
  });
});
