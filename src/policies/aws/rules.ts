/**
 * Name and format rules for AWS values, as `ValueRule`s (see validation.ts).
 * Sources are cited per rule; the vendor pages tell users to follow them by hand.
 */
import { abbreviate, ruleOf, ValueRule } from '../validation';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * S3 general-purpose bucket names ("Bucket naming rules", Amazon S3 User Guide). Palette's
 * wizard asks for a DNS-compliant name and links to these rules.
 */
export const S3_BUCKET_NAME: ValueRule = ruleOf(
  'S3 bucket name',
  'Use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (see "Bucket naming rules" in the Amazon S3 User Guide).',
  [
    [(v) => v.length < 3 || v.length > 63, 'it must be 3-63 characters long'],
    [(v) => /[A-Z]/.test(v), 'uppercase letters are not allowed'],
    [(v) => /_/.test(v), 'underscores are not allowed'],
    [(v) => /[^a-zA-Z0-9._-]/.test(v), 'only lowercase letters, digits, dots (.) and hyphens (-) are allowed'],
    [(v) => !/^[a-zA-Z0-9]/.test(v) || !/[a-zA-Z0-9]$/.test(v), 'it must begin and end with a letter or digit'],
    [(v) => v.includes('..'), 'it must not contain two adjacent dots'],
    [(v) => IPV4.test(v), 'it must not be formatted as an IP address'],
    [(v) => /^(xn--|sthree-|amzn-s3-demo-)/.test(v), 'the prefixes "xn--", "sthree-" and "amzn-s3-demo-" are reserved'],
    [(v) => /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(v), 'the suffixes "-s3alias", "--ol-s3", ".mrap", "--x-s3" and "--table-s3" are reserved'],
  ],
);

/** A 12-digit AWS account ID. */
export const AWS_ACCOUNT_ID: ValueRule = ruleOf('AWS account ID', 'Use the 12 digits of the account ID, e.g. "123456789012".', [
  [(v) => !/^\d{12}$/.test(v), 'it must be exactly 12 digits'],
]);

/**
 * The forms of region codes in every partition: `us-east-1`, `cn-north-1`, `us-gov-west-1`,
 * `us-iso-east-1`, `us-isob-east-1`, `eu-isoe-west-1`, `us-isof-south-1` and the European
 * Sovereign Cloud's `eusc-de-east-1` (partition aws-eusc). aws-cdk-lib's `RegionInfo.regions`
 * lists the regions it knows; the test checks that every one of them has this form.
 */
const REGION_FORM = /^([a-z]{2}(-(gov|iso|isob|isoe|isof))?|eusc-[a-z]{2})-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2}$/;
/** An AWS region code such as us-east-1, eu-central-2, us-gov-west-1, cn-north-1 or eusc-de-east-1. */
export const AWS_REGION: ValueRule = ruleOf('AWS region', 'Use a region code such as "us-east-1" or "eu-central-1" (see "Service endpoints" for S3).', [
  [(v) => !REGION_FORM.test(v), 'it is not a region code'],
]);

/**
 * The problem of a wizard region that differs from the bucket's known region, or undefined. The key's
 * `kms:ViaService` condition names `s3.<region>.<suffix>`, and Velero signs for that region: with the
 * wrong one, Palette is denied the key and the bucket.
 */
export function regionMismatch(prop: string, region: string | undefined, bucketRegion: string | undefined): string | undefined {
  if (region === undefined || bucketRegion === undefined || region === bucketRegion) return undefined;
  return `${prop} is "${region}" but the bucket is in "${bucketRegion}": kms:ViaService would name s3.${region} and Velero would sign for the `
    + `wrong region, so Palette would be denied. Give the bucket's region, or leave ${prop} out`;
}

/**
 * A string that lands in an IAM policy's Resource or Condition as a literal. IAM reads `${...}` as a
 * policy variable (`${aws:username}`, `${aws:PrincipalTag/team}`, `${*}`), which would change what
 * the grant covers, so it is refused wherever a literal is meant.
 */
export const hasPolicyVariable = (v: string): boolean => v.includes('${');
/** The clause of a refused policy variable. */
export const POLICY_VARIABLE_CLAUSE = 'it must not contain "${" (IAM would read "${...}" as a policy variable and change what the grant covers)';

/** A literal for an IAM policy's Resource or Condition: no policy variables. */
export const IAM_POLICY_LITERAL: ValueRule = ruleOf('policy value', 'Write the literal value; "${...}" is not expanded by this library.', [
  [hasPolicyVariable, POLICY_VARIABLE_CLAUSE],
]);

/**
 * An external ID for sts:AssumeRole: 2-1,224 characters of letters, digits and `+=,.@:/-`, per the
 * AWS STS AssumeRole API reference. Palette generates it and shows it in the wizard.
 */
export const STS_EXTERNAL_ID: ValueRule = ruleOf(
  'external ID',
  'Use the external ID the vendor shows you: 2-1,224 characters of letters, digits and +=,.@:/-_ (AWS STS AssumeRole).',
  [
    [(v) => v.length < 2 || v.length > 1224, (v) => `it must be 2-1,224 characters long (it is ${v.length})`],
    [(v) => /[^\w+=,.@:/-]/.test(v), 'only letters, digits, underscores and +=,.@:/- are allowed (no spaces)'],
  ],
  (v) => abbreviate(v),
);

/**
 * The AWS partitions. A region belongs to exactly one (see `partitionOfRegion`); an ARN names one
 * (`arn:PARTITION:...`); IAM and STS never cross them. The one list the library keeps.
 */
export const AWS_PARTITIONS: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];
/** A regular-expression group matching exactly one of `AWS_PARTITIONS`, for ARN forms. */
export const PARTITION = `(${AWS_PARTITIONS.join('|')})`;
const ROLE_ARN = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):role/((?:[\\x21-\\x7E]*/)?)([\\w+=,.@-]+)$`);

/** The ARN of an IAM role, as trusted principals are named in the pages' trust policies. */
export const IAM_ROLE_ARN: ValueRule = ruleOf(
  'IAM role ARN',
  'Use the role\'s ARN as IAM shows it, e.g. "arn:aws:iam::111122223333:role/SpectroCloudRole".',
  [
    [(v) => !v.startsWith('arn:'), 'it must start with "arn:"'],
    [(v) => v.startsWith('arn:') && !new RegExp(`^arn:${PARTITION}:`).test(v), 'its partition must be aws, aws-cn, aws-us-gov or an aws-iso partition'],
    [(v) => /^arn:[^:]*:[^:]*:/.test(v) && !/^arn:[^:]*:iam::/.test(v), 'it must be an IAM ARN with an empty region ("arn:aws:iam::...")'],
    [(v) => /^arn:[^:]*:iam::/.test(v) && !/^arn:[^:]*:iam::\d{12}:/.test(v), 'its account must be 12 digits'],
    [(v) => /^arn:[^:]*:iam::\d{12}:/.test(v) && !/^arn:[^:]*:iam::\d{12}:role\//.test(v), 'it must name a role ("...:role/NAME"); for a whole account use TrustedPrincipal.account()'],
    [
      (v) => new RegExp(`^arn:${PARTITION}:iam::\\d{12}:role/`).test(v) && !ROLE_ARN.test(v),
      'the role name must be 1-64 letters, digits and +=,.@_- (optionally after a /path/)',
    ],
    [(v) => ROLE_ARN.test(v) && (ROLE_ARN.exec(v)?.[4].length ?? 0) > 64, 'the role name must be at most 64 characters'],
    [(v) => /[*?]/.test(v), 'wildcards are not allowed in a principal ARN'],
  ],
);

const BUCKET_ARN = new RegExp(`^arn:${PARTITION}:s3:::([^/]*)$`);

/**
 * The ARN of one S3 bucket, `arn:<partition>:s3:::<bucket name>`, as the pages' policies name the
 * backup bucket: the bucket's and its objects' statements are scoped to it, so a wildcard or a path
 * would open other buckets or be no bucket at all.
 */
export const S3_BUCKET_ARN: ValueRule = ruleOf(
  'S3 bucket ARN',
  'Use the bucket\'s ARN, "arn:aws:s3:::BUCKET-NAME" (s3.Bucket.fromBucketName derives it from the name).',
  [
    [(v) => /[*?]/.test(v), 'wildcards are not allowed: the policy would cover every bucket the pattern matches'],
    [(v) => !/[*?]/.test(v) && !BUCKET_ARN.test(v), 'it must be "arn:<partition>:s3:::<bucket name>": one bucket, with no region, account or object path'],
    [(v) => !/[*?]/.test(v) && BUCKET_ARN.test(v) && S3_BUCKET_NAME.check(BUCKET_ARN.exec(v)?.[2] ?? '').length > 0, 'the name in it is not an S3 bucket name'],
  ],
);

/** The bucket name of a literal S3 bucket ARN that `S3_BUCKET_ARN` accepts, else undefined. */
export function bucketNameOfArn(arn: string): string | undefined {
  return S3_BUCKET_ARN.check(arn).length === 0 ? BUCKET_ARN.exec(arn)?.[2] : undefined;
}

/** An AWS Organizations organization ID, for the aws:PrincipalOrgID condition. */
export const AWS_ORGANIZATION_ID: ValueRule = ruleOf('AWS Organizations ID', 'Use the organization ID from the Organizations console, e.g. "o-a1b2c3d4e5".', [
  [(v) => !/^o-[a-z0-9]{10,32}$/.test(v), 'it must be "o-" followed by 10-32 lowercase letters or digits'],
]);

/** IAM role and user names: 1-64 characters of letters, digits and +=,.@_-. */
export const IAM_ROLE_NAME: ValueRule = iamNameRule('IAM role name', 64);
/** IAM user names: 1-64 characters of letters, digits and +=,.@_-. */
export const IAM_USER_NAME: ValueRule = iamNameRule('IAM user name', 64);
/** IAM group names: 1-128 characters of letters, digits and +=,.@_-. */
export const IAM_GROUP_NAME: ValueRule = iamNameRule('IAM group name', 128);
/** IAM managed policy names: 1-128 characters of letters, digits and +=,.@_-. */
export const IAM_POLICY_NAME: ValueRule = iamNameRule('IAM policy name', 128);

function iamNameRule(subject: string, max: number): ValueRule {
  return ruleOf(subject, `Use 1-${max} letters, digits and +=,.@_- (IAM names).`, [
    [(v) => v.length < 1 || v.length > max, `it must be 1-${max} characters long`],
    [(v) => /[^\w+=,.@-]/.test(v), 'only letters, digits and +=,.@_- are allowed'],
  ]);
}

/**
 * An S3 key prefix that a policy grants access under. It must end with "/" so that "backups/" does
 * not also grant "backups-old/", and it must not hold wildcards, which would widen the grant.
 */
export const S3_KEY_PREFIX: ValueRule = ruleOf(
  'S3 key prefix',
  'Use a prefix such as "neon/" or "events/prod/": no leading "/", no wildcards or policy variables, ending with "/".',
  [
    [(v) => v.length === 0 || Buffer.byteLength(v, 'utf8') > 1024, 'it must be 1-1,024 bytes long'],
    [(v) => v.startsWith('/'), 'it must not start with "/"'],
    [(v) => !v.endsWith('/'), 'it must end with "/" (otherwise "logs" would also grant "logs-old/")'],
    [(v) => /[*?]/.test(v), 'wildcards (* ?) are not allowed'],
    [(v) => /[\x00-\x1f\x7f]/.test(v), 'control characters are not allowed'],
    [(v) => v.includes('//'), 'it must not contain empty path segments ("//")'],
    [hasPolicyVariable, POLICY_VARIABLE_CLAUSE],
  ],
);

/**
 * The partition of a region code (`cn-north-1`: aws-cn; `us-gov-west-1`: aws-us-gov; `us-isob-east-1`:
 * aws-iso-b; `eusc-de-east-1`: aws-eusc; any other region code: aws), or undefined for what is not a
 * region code (AWS_REGION's form). The regions of each partition: AWS General Reference, "AWS Regions";
 * the test checks it against every region aws-cdk-lib's RegionInfo knows.
 */
export function partitionOfRegion(region: string): string | undefined {
  if (typeof region !== 'string' || !REGION_FORM.test(region)) return undefined;
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  const qualifier = /^[a-z]{2}-(gov|iso|isob|isoe|isof)-/.exec(region)?.[1];
  switch (qualifier) {
    case 'gov': return 'aws-us-gov';
    case 'iso': return 'aws-iso';
    case 'isob': return 'aws-iso-b';
    case 'isoe': return 'aws-iso-e';
    case 'isof': return 'aws-iso-f';
    default: return 'aws';
  }
}

/** The partition an ARN names (`arn:PARTITION:...`), or undefined when it is no ARN. */
export function partitionOfArn(arn: string): string | undefined {
  return /^arn:([^:]+):/.exec(arn)?.[1];
}

/**
 * The problem of a role ARN of another partition than the region's (both literal and well formed),
 * or undefined: STS in one partition cannot assume a role of another.
 */
export function roleArnPartitionMismatch(prop: string, roleArn: string, region: string): string | undefined {
  const regionPartition = partitionOfRegion(region);
  if (regionPartition === undefined || !ROLE_ARN.test(roleArn)) return undefined;
  const arnPartition = partitionOfArn(roleArn);
  if (arnPartition === regionPartition) return undefined;
  return `${prop} is a role of partition "${arnPartition}" but region "${region}" is in partition "${regionPartition}": STS cannot `
    + `assume a role of another partition. Give the role's ARN in the region's partition ("arn:${regionPartition}:iam::...") or the region of the role's partition`;
}
