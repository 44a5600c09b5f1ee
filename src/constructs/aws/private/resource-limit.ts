import { CfnResource, Stack, STACK_RESOURCE_LIMIT_CONTEXT } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { overStackResourceLimit, RESOURCES_PER_STACK, stackResourceLimitProblem } from '../../../policies/aws/palette-stackset';
import { singletonChild } from '../../private/singleton';


/** The CloudFormation resources of `stack` itself (not of nested stacks) below `scope` (and `scope` itself). */
function countResources(stack: Stack, scope: IConstruct): number {
  // A walk that counts, without the list of every construct findAll() builds.
  let count = 0;
  const visit = (c: IConstruct): void => {
    if (CfnResource.isCfnResource(c) && Stack.of(c) === stack) count++;
    for (const child of c.node.children) visit(child);
  };
  visit(scope);
  return count;
}

/**
 * The resource-limit check of one stack: a child of the stack, made with the first location, that
 * holds the stack's Palette locations and adds the stack's validation once.
 */
class StackResourceLimitCheck extends Construct {
  public static readonly ID = 'SaasBackupConstructsResourceLimit';
  public readonly locations: IConstruct[] = [];

  constructor(stack: Stack) {
    super(stack, StackResourceLimitCheck.ID);
    stack.node.addValidation({
      validate: () => {
        const context: unknown = stack.node.tryGetContext(STACK_RESOURCE_LIMIT_CONTEXT);
        const limit = context !== undefined ? parseInt(String(context), 10) : RESOURCES_PER_STACK;
        const resources = countResources(stack, stack);
        // Within the limit there is no problem to describe: the locations' share is counted only when over it.
        if (!overStackResourceLimit(resources, limit)) return [];
        const problem = stackResourceLimitProblem(stack.node.path, resources, limit, {
          count: this.locations.length,
          resources: this.locations.reduce((sum, l) => sum + countResources(stack, l), 0),
        });
        return problem ? [problem] : [];
      },
    });
  }
}

/**
 * Registers a backup location with its stack's resource-limit check: once per stack, a validation
 * counts the stack's CloudFormation resources and, over the limit (500, or the context value
 * `@aws-cdk/core:stackResourceLimit`), fails naming the locations and the remedy. It runs in the
 * validation phase, before aws-cdk-lib's own count at the end of synthesis.
 */
export function checkStackResourceLimit(location: IConstruct): void {
  const stack = Stack.of(location);
  singletonChild(stack, StackResourceLimitCheck.ID, StackResourceLimitCheck, () => new StackResourceLimitCheck(stack)).locations.push(location);
}
