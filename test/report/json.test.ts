import { cfnAccessReport } from '../../src/report/cloudformation';
import { renderJson } from '../../src/report/json';

describe('the JSON writer', () => {
  test('counts, findings, unknowns, rows, the diagram, and sections', () => {
    const report = cfnAccessReport({
      Resources: {
        Open: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] } } },
        Set: { Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateURL: 'https://example/t.json' } },
      },
    }, { title: 'S', source: 'src' });
    const json = JSON.parse(renderJson([report]));
    expect(json).toEqual({
      version: 1,
      flagged: 1,
      unknown: 0,
      stacks: [{
        title: 'S',
        source: 'src',
        findings: [{ rule: 'principal-not-pinned', resource: 'Open', message: expect.stringMatching(/^AWS::IAM::Role Open trust policy · statement 1: /) }],
        unknowns: [],
        notes: ['AWS::CloudFormation::StackSet Set takes its template from https://example/t.json: not in this template, not reported.'],
        rows: [expect.objectContaining({ principal: 'AWS *', effect: 'Allow', actions: ['sts:AssumeRole'], resources: ['IAM role Open'] })],
        nodes: [
          { id: 'N_Open', kind: 'IAM role', lines: ['IAM role', 'Open'], external: false },
          { id: 'N_anyone', kind: 'anyone', lines: ['ANYONE', 'Principal * with nothing pinning it'], flag: 'unsafe', external: true },
        ],
        edges: [{ from: 'N_anyone', to: 'N_Open', style: 'assume', entries: [['sts:AssumeRole']], flagged: true }],
        sections: [],
      }],
    });
  });
});
