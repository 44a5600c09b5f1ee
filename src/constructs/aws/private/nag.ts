import { Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges, on `scope`, cdk-nag findings that a construct of this library causes by design,
 * with the reason. Uses CDK's native `Validations.of(scope).acknowledge` (no cdk-nag import).
 * Acknowledgements are exact strings; if a finding's text changes, it shows up again (fails closed).
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * cdk-nag's AwsSolutions-IAM5 finding ID for a wildcard resource, in the format cdk-nag uses
 * (its flattenCfnReference): `Ref` as `<X>`, `Fn::GetAtt` as `<X.Attr>`, `Fn::Join` joined.
 */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  const visit = (node: unknown): string => {
    if (node === undefined) return '';
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
    const value = node as Record<string, any>;
    if (value['Fn::Join']) return (value['Fn::Join'][1] as unknown[]).map(visit).join(value['Fn::Join'][0]);
    if (value['Fn::GetAtt']) return `<${visit(value['Fn::GetAtt'][0])}.${visit(value['Fn::GetAtt'][1])}>`;
    if (value.Ref) return `<${visit(value.Ref)}>`;
    return JSON.stringify(node);
  };
  return `AwsSolutions-IAM5[Resource::${visit(Stack.of(scope).resolve(resource))}]`;
}
