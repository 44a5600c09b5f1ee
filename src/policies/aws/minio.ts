/**
 * MinIO (and other S3-compatible servers), shared by every vendor that writes to one: the rule for
 * a MinIO user's access key, used by Palette's and RudderStack's MinIO constructs and by
 * `SpectroCloudArguments.minio` (one concept, one rule).
 */
import { ruleOf, ValueRule } from '../validation';

/** A MinIO access key (the user name), per MinIO's user management: 3-128 letters, digits and ._-@. */
export const MINIO_ACCESS_KEY: ValueRule = ruleOf('MinIO access key', 'Use 3-128 letters, digits and ._-@ (MinIO user names).', [
  [(v) => !/^[A-Za-z0-9._@-]{3,128}$/.test(v), 'it must be 3-128 letters, digits and ._-@'],
]);
