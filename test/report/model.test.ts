import { addEdge, addNode, flag, findingCount, iamConditions, newReport, nodeId, unknown, unknownCount } from '../../src/report/model';

describe('the model', () => {
  test.each([
    ['Role1ABC', 'N_Role1ABC'],
    ['arn:aws:iam::1:root', /^N_arn_aws_iam_1_root_[0-9a-f]{6}$/],
  ])('nodeId(%s) depends on the key only', (key, id) => {
    expect(nodeId(key)).toEqual(typeof id === 'string' ? id : expect.stringMatching(id));
    expect(nodeId(key)).toBe(nodeId(key));
  });

  test('two keys that clean to the same letters get different ids', () => {
    expect(nodeId('a:b')).not.toBe(nodeId('a/b'));
  });

  test('nodes and edges merge; an unsafe flag wins over broad', () => {
    const r = newReport('t', 's');
    const a = addNode(r, { key: 'a', kind: 'k', lines: ['A'], flag: 'broad' });
    expect(addNode(r, { key: 'a', kind: 'k', lines: ['other'], flag: 'unsafe' })).toBe(a);
    expect(r.nodes.get(a)?.flag).toBe('unsafe');
    const b = addNode(r, { key: 'b', kind: 'k', lines: ['B'] });
    addEdge(r, a, b, 'access', ['x']);
    addEdge(r, a, b, 'access', ['x']);
    addEdge(r, a, b, 'access', ['y'], true);
    addEdge(r, a, b, 'assume', ['z']);
    expect(r.edges.map((e) => [e.style, e.entries, e.flagged])).toEqual([['access', [['x'], ['y']], true], ['assume', [['z']], false]]);
  });

  test('findings and unknowns are kept once, and counted with sections', () => {
    const r = newReport('t', 's');
    flag(r, 'wildcard-action', 'P', 'm');
    flag(r, 'wildcard-action', 'P', 'm');
    unknown(r, 'X', 'u');
    unknown(r, 'X', 'u');
    const s = newReport('inner', 's');
    flag(s, 'broad-role', 'Q', 'n');
    r.sections.push(s);
    expect([findingCount(r), unknownCount(r)]).toEqual([2, 1]);
  });

  test.each([
    [{ StringEquals: { 'sts:ExternalId': 'abc' } }, ['sts:ExternalId = abc']],
    [{ StringLike: { 'x:sub': ['a', 'b'] } }, ['x:sub like any of [a, b]']],
    [{ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-1/*' } }, ['any of aws:PrincipalOrgPaths like o-1/*']],
    [{ StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-1' } }, ['aws:PrincipalOrgID = o-1 (if present)']],
    [{ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, ['aws:MultiFactorAuthPresent is true']],
    [undefined, []],
  ])('iamConditions(%j)', (condition, texts) => {
    expect(iamConditions(condition).map((c) => c.text)).toEqual(texts);
  });
});
