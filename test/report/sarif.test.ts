import { readFileSync } from 'fs';
import { join } from 'path';
// ajv is in node_modules (a dependency of eslint): validation only, in tests.
// eslint-disable-next-line import/no-extraneous-dependencies
import Ajv from 'ajv';
import { cfnAccessReport } from '../../src/report/cloudformation';
import { lineOf, renderSarif, RULES } from '../../src/report/sarif';
import { terraformAccessReport } from '../../src/report/terraform';

const schema = JSON.parse(readFileSync(join(__dirname, 'sarif-2.1.0-subset.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

const TEMPLATE = JSON.stringify({
  Resources: {
    Open: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] } } },
    Later: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { 'Fn::If': ['C', {}, {}] } } },
  },
}, undefined, 2);

function sarif(): any {
  const report = cfnAccessReport(JSON.parse(TEMPLATE), { title: 'Stack' });
  const tf = terraformAccessReport({ resource: { google_project_iam_member: { m: { project: 'p', role: 'roles/owner', member: 'user:a@example.com' } } } }, { title: 'tf' });
  return JSON.parse(renderSarif([{ report, uri: 'cdk.out/Stack.template.json', text: TEMPLATE }, { report: tf }], '1.2.3'));
}

describe('SARIF 2.1.0', () => {
  test('the log is valid against the SARIF 2.1.0 schema (subset transcribed from OASIS, see the schema file)', () => {
    const log = sarif();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
  });

  test('the schema can fail: a result without a message, and an unknown level, are refused', () => {
    const log = sarif();
    log.runs[0].results[0] = { ruleId: 'x', level: 'fatal' };
    expect(validate(log)).toBe(false);
    expect((validate.errors ?? []).map((e) => e.dataPath).sort()).toEqual(['.runs[0].results[0]', '.runs[0].results[0].level']);
  });

  test('one error per flagged finding, one warning per unknown, located at the resource\'s line', () => {
    const results = sarif().runs[0].results;
    const shown = results.map((r: any) => {
      const [location] = r.locations;
      return [r.ruleId, r.level, location.physicalLocation?.region?.startLine, location.logicalLocations[0].name];
    });
    expect(shown).toEqual([
      ['principal-not-pinned', 'error', 3, 'Open'],
      ['unknown', 'warning', 19, 'Later'],
      ['broad-role', 'error', undefined, 'google_project_iam_member.m'],
    ]);
    expect(results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'cdk.out/Stack.template.json' });
  });

  test('every rule is described, and results point at their rule', () => {
    const log = sarif();
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r: any) => r.id)).toEqual(Object.keys(RULES));
    for (const r of log.runs[0].results) expect(rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(log.runs[0].tool.driver.version).toBe('1.2.3');
  });

  test.each([
    ['{\n  "Resources": {\n    "A": {}\n  }\n}', 'A', 3],
    ['{"resource": {"t": {\n"name": {}}}}', 't.name', 2],
    ['{}', 'A', undefined],
  ])('lineOf(%j, %s)', (text, resource, line) => {
    expect(lineOf(text, resource)).toBe(line);
  });
});
