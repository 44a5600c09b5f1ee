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
  // One walk adds every value at its longest and at its shortest.
  let unresolved = 0;
  let longest = 0;
  let shortest = 0;
  const add = (value: unknown): void => {
    if (typeof value === 'string') {
      longest += value.length;
      shortest += value.length;
    } else if (Array.isArray(value)) {
      for (const v of value) add(v);
    } else if (isIntrinsic(value)) {
      const [fn, arg] = Object.entries(value)[0];
      if (fn === 'Ref' && typeof arg === 'string' && arg in PSEUDO_PARAMETER_LENGTH) {
        shortest += PSEUDO_PARAMETER_LENGTH[arg][0];
        longest += PSEUDO_PARAMETER_LENGTH[arg][1];
      } else if (fn === 'Fn::Join' && Array.isArray(arg) && Array.isArray(arg[1])) {
        const parts = arg[1] as unknown[];
        for (const p of parts) add(p);
        const separators = String(arg[0]).length * Math.max(0, parts.length - 1);
        shortest += separators;
        longest += separators;
      } else {
        unresolved++;
        const bounds = unknownLength(value);
        shortest += bounds ? bounds[0] : 0;
        longest += bounds ? bounds[1] : Infinity;
      }
    } else if (value && typeof value === 'object') {
      for (const v of Object.values(value)) add(v);
    }
  };
  add(doc);
  // The JSON skeleton (braces, quotes, keys, commas, numbers) with every string value and intrinsic emptied.
  const skeleton = JSON.stringify(doc, (_key, value) => (typeof value === 'string' || isIntrinsic(value) ? '' : value)).length;
  return { characters: skeleton + longest, minimumCharacters: skeleton + shortest, unresolved };
}
