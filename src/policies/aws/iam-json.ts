/**
 * IAM policy JSON, as it appears in the vendor pages and in the synthesized template.
 * Values may be back-end tokens (strings); builders never inspect them.
 */

/** One IAM policy statement. */
export interface PolicyStatementJson {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | { readonly AWS?: string | string[]; readonly Federated?: string; readonly Service?: string | string[] };
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: { readonly [operator: string]: { readonly [key: string]: string | string[] } };
}

/** An IAM policy document. */
export interface PolicyDocumentJson {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatementJson[];
}

/** A policy document of the given statements. */
export function policyDocument(statements: PolicyStatementJson[]): PolicyDocumentJson {
  return { Version: '2012-10-17', Statement: statements };
}

/** `arn:PARTITION:s3:::BUCKET/PATTERN` given the bucket's ARN. */
export function objectsArn(bucketArn: string, keyPrefix = ''): string {
  return `${bucketArn}/${keyPrefix}*`;
}

/**
 * The bounds of the length of a value unknown at synth time (a `Ref` to a parameter or resource, a
 * `Fn::GetAtt`, `Fn::ImportValue`...), given the intrinsic: `[shortest, longest]`, or undefined
 * when nothing bounds it (then the policy's size has no upper bound).
 */
export type UnknownLength = (intrinsic: { readonly [fn: string]: unknown }) => [number, number] | undefined;

/** The size IAM counts for a policy (its JSON without white space), as a range while tokens are unresolved. */
export interface PolicySize {
  /**
   * Characters counted with every unknown value at its longest (the size when nothing is
   * unresolved); `Infinity` when a value has no known upper bound.
   */
  readonly characters: number;
  /** Characters counted with every unknown value at its shortest. */
  readonly minimumCharacters: number;
  /** Intrinsic values other than pseudo parameters, whose length is known only at deploy time. */
  readonly unresolved: number;
}

/** The shortest and longest values of CloudFormation pseudo parameters. */
const PSEUDO_PARAMETER_LENGTH: Record<string, [number, number]> = {
  'AWS::Partition': ['aws'.length, 'aws-us-gov'.length],
  'AWS::AccountId': [12, 12],
  'AWS::Region': ['us-east-1'.length, 'ap-southeast-5'.length],
  'AWS::URLSuffix': ['amazonaws.com'.length, 'amazonaws.com.cn'.length],
};

/** Whether a value is a CloudFormation intrinsic (`{"Ref": ...}` or `{"Fn::...": ...}`). */
export function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/**
 * Measures a policy document that may hold CloudFormation intrinsics (`Ref`, `Fn::Join`,
 * `Fn::GetAtt`, ...). Pseudo parameters count at their shortest and longest values; other
 * intrinsics are bounded by `unknownLength`, and without a bound count 0 at the shortest and
 * make the longest `Infinity`: an unknown value is never taken for an empty one.
 */
export function measurePolicy(doc: unknown, unknownLength: UnknownLength = () => undefined): PolicySize {
  let unresolved = 0;
  const length = (value: unknown, longest: boolean): number => {
    if (typeof value === 'string') return value.length;
    if (Array.isArray(value)) return value.reduce((n: number, v) => n + length(v, longest), 0);
    if (isIntrinsic(value)) {
      const [fn, arg] = Object.entries(value)[0];
      if (fn === 'Ref' && typeof arg === 'string' && arg in PSEUDO_PARAMETER_LENGTH) return PSEUDO_PARAMETER_LENGTH[arg][longest ? 1 : 0];
      if (fn === 'Fn::Join' && Array.isArray(arg) && Array.isArray(arg[1])) {
        const parts = arg[1] as unknown[];
        return parts.reduce((n: number, p) => n + length(p, longest), 0) + String(arg[0]).length * Math.max(0, parts.length - 1);
      }
      if (longest) unresolved++;
      const bounds = unknownLength(value);
      if (bounds) return bounds[longest ? 1 : 0];
      return longest ? Infinity : 0;
    }
    if (value && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + length(v, longest), 0);
    return 0;
  };
  // The JSON skeleton (braces, quotes, keys, commas, numbers) with every string value and intrinsic emptied.
  const skeleton = JSON.stringify(doc, (_key, value) => (typeof value === 'string' || isIntrinsic(value) ? '' : value)).length;
  const characters = skeleton + length(doc, true);
  return { characters, minimumCharacters: skeleton + length(doc, false), unresolved };
}
