import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, REGION, TemplateResolver } from './cfn';

/** A stack in a concrete account and region (so partitions and regions resolve to literals). */
export function newStack(id = 'Stack'): Stack {
  return new Stack(new App(), id, { env: { account: ACCOUNT, region: REGION } });
}

/** A stack without account or region: tokens everywhere. */
export function envAgnosticStack(id = 'Stack'): Stack {
  return new Stack(new App(), id);
}

/** The template of a stack and a resolver of its intrinsics. */
export function synth(stack: Stack): { template: Template; json: any; resolver: TemplateResolver } {
  const template = Template.fromStack(stack);
  const json = template.toJSON();
  return { template, json, resolver: new TemplateResolver(json) };
}

/** The warnings of a stack, as their messages. */
export function warningsOf(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
}

/**
 * A policy document as aws-cdk-lib renders it: single-element Action, Resource and principal lists
 * become scalars. Comparing a synthesized policy with `cdkRendered(pureBuilderOutput)` proves the
 * construct emits exactly the pure document.
 */
export function cdkRendered(doc: any): any {
  const one = (v: any) => (Array.isArray(v) && v.length === 1 ? v[0] : v);
  return {
    ...doc,
    Statement: doc.Statement.map((s: any) => ({
      ...s,
      Action: one(s.Action),
      ...(s.Resource !== undefined ? { Resource: one(s.Resource) } : {}),
      ...(s.Principal !== undefined && typeof s.Principal === 'object'
        ? { Principal: Object.fromEntries(Object.entries(s.Principal).map(([k, v]) => [k, one(v)])) }
        : {}),
    })),
  };
}
