// Internal (not exported from the submodule): the checks of BackupBucketProps, shared with the
// constructs that create a bucket so that all their problems land in one message.
import { Token } from 'cdktf';
import {
  CLOUD_KMS_KEY_NAME,
  GCP_LABEL_KEY,
  GCP_LABEL_VALUE,
  GCP_MAX_LABELS,
  GCP_PROJECT_ID,
  GCS_BUCKET_NAME,
  GCS_LOCATION,
} from '../../../policies/gcp/names';
import { ValidationProblems } from '../../../policies/validation';
import type { BackupBucketProps } from '../backup-bucket';

/** Checks bucket props into `problems`; `prefix` names them inside a parent's props ("bucketProps."). */
export function checkBucketProps(problems: ValidationProblems, props: BackupBucketProps, prefix: string): void {
  problems
    .check(GCS_BUCKET_NAME, props.bucketName, `${prefix}bucketName`)
    .check(GCS_LOCATION, props.location, `${prefix}location`)
    .check(CLOUD_KMS_KEY_NAME, props.kmsKeyName, `${prefix}kmsKeyName`)
    .check(GCP_PROJECT_ID, props.project, `${prefix}project`);
  for (const [key, value] of Object.entries(props.labels ?? {})) {
    problems.check(GCP_LABEL_KEY, key, `${prefix}labels`).check(GCP_LABEL_VALUE, value, `${prefix}labels.${key}`);
  }
  const labelCount = Object.keys(props.labels ?? {}).length;
  problems.addIf(labelCount > GCP_MAX_LABELS, `${prefix}labels has ${labelCount} labels; GCP allows at most ${GCP_MAX_LABELS} per resource`);
  const days = props.noncurrentVersionRetentionDays;
  if (days !== undefined && !Token.isUnresolved(days)) {
    problems.addIf(!Number.isInteger(days) || days < 1,
      `${prefix}noncurrentVersionRetentionDays must be a whole number of days, at least 1 (got ${days})`);
  }
  problems.addIf(props.versioned === false && days !== undefined,
    `${prefix}noncurrentVersionRetentionDays applies only to a versioned bucket: remove it or set ${prefix}versioned to true`);
}
