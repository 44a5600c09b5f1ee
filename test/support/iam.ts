/**
 * A thin, strict wrapper over @cloud-copilot/iam-simulate (test-only; AGPL): every simulation must
 * run without errors and without silently ignored context keys, so a typo in a policy or a test
 * cannot turn into a pass.
 */
import { EvaluationResult, runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';

/** A request and the policies that apply to it. */
export interface Request {
  /** The caller's ARN. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** The account that owns the resource (S3 ARNs carry none). */
  readonly resourceAccount: string;
  /** Context keys, as strings (iam-simulate treats a JS boolean as absent). */
  readonly context?: Record<string, string | string[]>;
  /** The caller's identity policies. */
  readonly identityPolicies?: unknown[];
  /** The resource's policy: bucket policy, key policy or role trust policy. */
  readonly resourcePolicy?: unknown;
}

/** The simulation of a request, with its resource policy as `wrap` gives it to the engine. */
function simulation(request: Request, wrap: (policy: unknown) => any = (policy) => policy) {
  return {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: request.context ?? {},
    },
    identityPolicies: (request.identityPolicies ?? []).map((policy, i) => ({ name: `identity${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.resourcePolicy ? wrap(request.resourcePolicy) : undefined,
  };
}

/** 'Allowed', 'ExplicitlyDenied' or 'ImplicitlyDenied'. */
export async function decide(request: Request): Promise<EvaluationResult> {
  const result = await runSimulation(simulation(request), {});
  if (result.resultType === 'error') throw new Error(`simulation error: ${JSON.stringify(result.errors)}`);
  const single = result.resultType === 'single' ? result.result : result.results[0];
  if ((single?.ignoredContextKeys ?? []).length > 0) {
    throw new Error(`simulation ignored context keys ${JSON.stringify(single!.ignoredContextKeys)} for ${request.action}`);
  }
  return result.overallResult;
}

/**
 * For context keys iam-simulate does not know for the action (GitHub's `token.actions.githubusercontent.com:sub`
 * and `:aud` on sts:AssumeRoleWithWebIdentity): the unvalidated engine, with the trust policy as the resource policy.
 */
export function decideUnvalidated(request: Request): EvaluationResult {
  return runUnsafeSimulation(
    simulation(request, (policyDocument) => ({ __validated: true, policyDocument, metadata: { name: 'resource' }, errors: [] })),
    {},
  );
}

/**
 * A web-identity request from GitHub Actions to assume `roleArn` under its `trust` policy, as the
 * OIDC `provider`, with the token's `sub` and `aud` claims (an absent claim is left out).
 */
export function githubTokenAssumer(trust: unknown, roleArn: string, resourceAccount: string, defaultProvider: string) {
  return (claims: { sub?: string; aud?: string }, provider = defaultProvider): EvaluationResult => decideUnvalidated({
    principal: provider,
    action: 'sts:AssumeRoleWithWebIdentity',
    resource: roleArn,
    resourceAccount,
    context: {
      ...(claims.aud !== undefined ? { 'token.actions.githubusercontent.com:aud': claims.aud } : {}),
      ...(claims.sub !== undefined ? { 'token.actions.githubusercontent.com:sub': claims.sub } : {}),
    },
    resourcePolicy: trust,
  });
}

/** An identity policy allowing `action` on `resource`: the caller's own side of a cross-account request. */
export function allow(action: string, resource = '*'): unknown {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] };
}
