import { CfnElement, IResolvable, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { warn } from './common';
import { PolicyDocumentJson, PolicyStatementJson } from '../../../policies/aws/iam-json';

/** A cdk-nag finding a construct of this library causes by design, with the reason. */
export interface ByDesignFinding {
  /** The finding's ID, e.g. `AwsSolutions-IAM5[Resource::*]`. */
  readonly id: string;
  /** Why it is by design. */
  readonly reason: string;
}

/**
 * The metadata key of acknowledged rules, which cdk-nag v3 reads. aws-cdk-lib 2.252+ names it
 * (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`); it is spelled out here so that an older
 * aws-cdk-lib, which has no `Validations`, still loads this module. The test checks the two are equal.
 */
export const ACKNOWLEDGED_RULES_METADATA_KEY = 'aws:cdk:acknowledged-rules';

/**
 * Records acknowledgements on `scope` as CDK's `Validations.of(scope).acknowledge` does (the
 * `aws:cdk:acknowledged-rules` metadata that cdk-nag v3 reads, IDs qualified `Annotation::<id>`), but
 * all of them in ONE metadata entry and without capturing a stack trace per rule, which is what
 * `acknowledge()` costs at scale. No cdk-nag import. Acknowledgements are exact strings; if a
 * finding's text changes, it shows up again (fails closed).
 */
export function acknowledgeAll(scope: IConstruct, findings: readonly ByDesignFinding[]): void {
  if (findings.length === 0) return;
  scope.node.addMetadata(
    ACKNOWLEDGED_RULES_METADATA_KEY,
    Object.fromEntries(findings.map((f) => [`Annotation::${f.id.replace(/ /g, '-')}`, f.reason])),
  );
}

/** Acknowledges one cdk-nag finding on `scope` (see acknowledgeAll). */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  acknowledgeAll(scope, [{ id, reason }]);
}

/**
 * A resolved CloudFormation value flattened as cdk-nag's `flattenCfnReference` does: `Ref` as `<X>`,
 * `Fn::GetAtt` as `<X.Attr>`, `Fn::Join` joined, `${X}` as `<X>`.
 */
export function flattenResolved(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  if (typeof node !== 'object') return String(node);
  const value = node as Record<string, unknown>;
  const join = value['Fn::Join'];
  if (Array.isArray(join)) return (join[1] as unknown[]).map(flattenResolved).join(String(join[0]));
  if (value['Fn::Sub'] !== undefined) return flattenResolved(value['Fn::Sub']);
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `<${flattenResolved(getAtt[0])}.${flattenResolved(getAtt[1])}>`;
  if (value['Fn::ImportValue'] !== undefined) return flattenResolved(value['Fn::ImportValue']);
  if (value.Ref !== undefined) return `<${flattenResolved(value.Ref)}>`;
  return JSON.stringify(node);
}

/**
 * A string with tokens flattened as cdk-nag flattens its resolved form, without resolving the
 * whole value: a reference to a resource becomes `<LogicalId>` or `<LogicalId.Attr>` (its logical
 * ID, overrides included), a pseudo parameter `<AWS::Partition>`. Only a token of another kind
 * (a Lazy, say) is resolved.
 */
function flattenTokens(scope: IConstruct, value: string): string {
  const fragments = Tokenization.reverseString(value);
  if (fragments.tokens.length === 0) return flattenResolved(value);
  const stack = Stack.of(scope);
  const marker = '\u0000';
  const rendered: string[] = [];
  const render = (token: IResolvable): string => {
    if (token instanceof Reference && CfnElement.isCfnElement(token.target) && Stack.of(token.target) === stack) {
      const logicalId = flattenResolved(logicalIdOf(stack, token.target));
      return token.displayName === 'Ref' ? `<${logicalId}>` : `<${logicalId}.${token.displayName}>`;
    }
    return flattenResolved(stack.resolve(token));
  };
  // Literals are flattened as cdk-nag flattens strings; each token is rendered on its own.
  const joined = String(fragments.mapTokens({ mapToken: (token) => { rendered.push(render(token)); return marker; } }).join({ join: (l, r) => `${l}${r}` }));
  let i = 0;
  return flattenResolved(joined).replace(new RegExp(marker, 'g'), () => rendered[i++]);
}

/** What a CfnElement's `logicalId` token produces (aws-cdk-lib's internal `_synthesizeLogicalId`), when it has it. */
interface LogicalIdProducer {
  readonly _synthesizeLogicalId?: unknown;
}

/**
 * The logical ID of an element of `stack`, overrides included: what its `logicalId` token resolves
 * to. aws-cdk-lib's token produces it with `_synthesizeLogicalId()` (the override, or the stack's
 * allocation); that is called directly, without resolving a token, unless it is missing or returns
 * a token itself (then the token is resolved, as before).
 */
function logicalIdOf(stack: Stack, element: CfnElement): unknown {
  const produce = (element as unknown as LogicalIdProducer)._synthesizeLogicalId;
  const produced: unknown = typeof produce === 'function' ? produce.call(element) : undefined;
  return typeof produced === 'string' && !Token.isUnresolved(produced) ? produced : stack.resolve(element.logicalId);
}

/**
 * cdk-nag's AwsSolutions-IAM5 finding ID for a wildcard resource, in the format cdk-nag uses
 * (its flattenCfnReference), computed from the tokens of `resource` without resolving it.
 */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenTokens(scope, resource)}]`;
}

/** The AwsSolutions-IAM5 finding IDs of resolved statements, as cdk-nag's IAMNoWildcardPermissions reports them. */
export function wildcardFindings(statements: readonly PolicyStatementJson[]): string[] {
  const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const found = new Set<string>();
  for (const statement of statements) {
    if (statement.Effect !== 'Allow') continue;
    for (const action of asList(statement.Action)) {
      if (typeof action === 'string' && action.includes('*')) found.add(`AwsSolutions-IAM5[Action::${action}]`);
    }
    for (const resource of asList(statement.Resource)) {
      const flat = flattenResolved(resource);
      if (flat.includes('*')) found.add(`AwsSolutions-IAM5[Resource::${flat}]`);
    }
  }
  return [...found];
}

/** A statement in a canonical form for comparison: every list sorted, single values as lists. */
function canonical(statement: PolicyStatementJson): string {
  const sortDeep = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortDeep).map((x) => JSON.stringify(x)).sort();
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]));
    return v;
  };
  const list = (v: unknown) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
  const principal = statement.Principal !== undefined && typeof statement.Principal === 'object'
    ? Object.fromEntries(Object.entries(statement.Principal).map(([k, v]) => [k, list(v)]))
    : statement.Principal;
  return JSON.stringify(sortDeep({ ...statement, Action: list(statement.Action), Resource: list(statement.Resource), Principal: principal }));
}

/**
 * Acknowledges by-design cdk-nag findings of a policy the library builds, scoped to the statements
 * it built: cdk-nag reports findings per policy, not per statement, so `Resource::*` acknowledged for
 * Velero's EC2 statement would also hide an `iam:PassRole` on `*` added later. At synth time, when
 * the policy holds statements the builder did not make (added through `addStatements`, or a
 * replaced document), each finding those statements cause is left unacknowledged, so cdk-nag reports
 * it, and a warning names it. When the policy is as built, nothing is resolved.
 *
 * @param policy the managed policy the library made from `designed`
 * @param designed the builder's document (tokens unresolved)
 * @param findings the by-design findings; their IDs are computed at synth time
 */
export function acknowledgeByDesign(
  policy: iam.ManagedPolicy,
  designed: PolicyDocumentJson,
  findings: ReadonlyArray<{ readonly id: () => string; readonly reason: string }>,
): void {
  policy.node.addValidation({
    validate: () => {
      const cfn = policy.node.defaultChild;
      const asBuilt = cfn instanceof iam.CfnManagedPolicy && cfn.policyDocument === policy.document
        && policy.document.statementCount === designed.Statement.length;
      const ids = findings.map((f) => ({ id: f.id(), reason: f.reason }));
      const withheld = new Set<string>();
      if (!asBuilt) {
        const stack = Stack.of(policy);
        const source: unknown = cfn instanceof iam.CfnManagedPolicy ? cfn.policyDocument : policy.document;
        const actual = stack.resolve(source) as PolicyDocumentJson;
        const built = new Set((stack.resolve(designed) as PolicyDocumentJson).Statement.map(canonical));
        const added = (actual.Statement ?? []).filter((s) => !built.has(canonical(s)));
        for (const id of wildcardFindings(added)) withheld.add(id);
      }
      acknowledgeAll(policy, ids.filter((a) => !withheld.has(a.id)));
      const kept = ids.filter((a) => withheld.has(a.id)).map((a) => a.id);
      if (kept.length > 0) {
        warn(
          policy,
          'ByDesignAcknowledgementWithheld',
          `The policy ${policy.node.path} holds statements this library did not make, and they cause ${kept.join(', ')}: these findings are `
          + 'no longer acknowledged by the library, so cdk-nag reports them. Review the added statements; acknowledge the findings yourself if they are meant.',
        );
      }
      return [];
    },
  });
}
