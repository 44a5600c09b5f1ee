// Internal: a credential's end time that has already passed (a client secret's end date, a SAS
// token's expiry), warned about the same way wherever one is given.
import { Annotations, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { warningWithId } from '../../../policies/validation';

/**
 * Warns (`saas-backup-constructs:<warningId>`) when `time`, a literal RFC 3339 time already checked
 * by the caller, is at or before `now`: "PROP TIME is in the past: WHY Give a future date." A warning,
 * not an error: the verdict depends on the clock at synth, so an error would make the same code stop
 * synthesizing when the date passes. Tokens and unparsable values are left alone.
 */
export function warnIfInThePast(scope: IConstruct, warningId: string, prop: string, time: unknown, why: string, now: number = Date.now()): void {
  if (typeof time !== 'string' || Token.isUnresolved(time)) return;
  const at = Date.parse(time);
  if (Number.isNaN(at) || at > now) return;
  Annotations.of(scope).addWarning(warningWithId(warningId, `${prop} ${time} is in the past: ${why} Give a future date.`));
}
