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
 * The size IAM counts for a policy: its JSON without white space. AWS CloudFormation intrinsics left
 * in a resolved document are counted by `intrinsicLength` (unknown ones add to `unresolved`).
 */
export interface PolicySize {
  /** Characters counted. */
  readonly characters: number;
  /** Intrinsic values whose length is unknown at synth time (counted as 0). */
  readonly unresolved: number;
}

/** The longest values of CloudFormation pseudo parameters, so a size estimate errs on the safe side. */
const PSEUDO_PARAMETER_MAX_LENGTH: Record<string, number> = {
  'AWS::Partition': 'aws-us-gov'.length,
  'AWS::AccountId': 12,
  'AWS::Region': 'ap-southeast-5'.length,
  'AWS::URLSuffix': 'amazonaws.com.cn'.length,
};

/**
 * Measures a policy document that may hold CloudFormation intrinsics (`Ref`, `Fn::Join`,
 * `Fn::GetAtt`, ...). Pseudo parameters count at their longest value; other intrinsics count 0
 * and are reported as unresolved.
 */
export function measurePolicy(doc: unknown): PolicySize {
  let unresolved = 0;
  const length = (value: unknown): number => {
    if (typeof value === 'string') return value.length;
    if (Array.isArray(value)) return value.reduce((n: number, v) => n + length(v), 0);
    if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::'))) {
        const [fn, arg] = entries[0];
        if (fn === 'Ref' && typeof arg === 'string' && arg in PSEUDO_PARAMETER_MAX_LENGTH) return PSEUDO_PARAMETER_MAX_LENGTH[arg];
        if (fn === 'Fn::Join' && Array.isArray(arg) && Array.isArray(arg[1])) {
          const parts = arg[1] as unknown[];
          return parts.reduce((n: number, p) => n + length(p), 0) + String(arg[0]).length * Math.max(0, parts.length - 1);
        }
        unresolved++;
        return 0;
      }
      return entries.reduce((n: number, [, v]) => n + length(v), 0);
    }
    return 0;
  };
  // The JSON skeleton (braces, quotes, keys, commas) with every string value emptied, plus the values.
  const skeleton = JSON.stringify(doc, (_key, value) => {
    if (typeof value === 'string') return '';
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::'))) return '';
    }
    return value;
  });
  return { characters: skeleton.length + length(doc), unresolved };
}
