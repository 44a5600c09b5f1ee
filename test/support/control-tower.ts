/**
 * AWS Control Tower's proactive control CT.KMS.PR.3, read from its Guard rule
 * `kms_create_grant_aws_service_check` (AWS Control Tower Controls Reference Guide, "[CT.KMS.PR.3]
 * Require an AWS KMS key policy to have a statement that limits creation of AWS KMS grants to AWS
 * services", "CT.KMS.PR.3 rule specification"; read 2026-12-07), transcribed clause by clause so that a
 * test can say whether a synthesized key policy passes the control. Keys of the condition are matched
 * case-insensitively, as the rule's `(?i)` patterns do.
 */

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const isStruct = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const GRANT_IS_FOR_AWS_RESOURCE = /^kms:GrantIsForAWSResource$/i;
const PRINCIPAL_IS_AWS_SERVICE = /^aws:PrincipalIsAWSService$/i;

/** `check_statement_create_grant_aws_services_only`: the one statement the control looks for. */
export function isCtKmsPr3Statement(statement: any): boolean {
  if (!isStruct(statement)) return false;
  // check_all_required_statement_properties
  if (['Effect', 'Action', 'Principal', 'Condition', 'Resource'].some((k) => statement[k] === undefined)) return false;
  if (statement.Effect !== 'Deny') return false;
  if (!asList(statement.Action).every((a) => a === 'kms:CreateGrant')) return false;
  const principal = statement.Principal;
  if (!(principal === '*' || (isStruct(principal) && principal.AWS === '*'))) return false;
  if (!asList(statement.Resource).every((r) => r === '*')) return false;
  const condition = statement.Condition;
  if (!isStruct(condition) || Object.keys(condition).some((k) => k !== 'BoolIfExists')) return false;
  const bool = condition.BoolIfExists;
  if (!isStruct(bool)) return false;
  const keys = Object.keys(bool);
  if (keys.some((k) => !GRANT_IS_FOR_AWS_RESOURCE.test(k) && !PRINCIPAL_IS_AWS_SERVICE.test(k))) return false;
  const hasFalse = (pattern: RegExp) => keys.some((k) => pattern.test(k) && String(bool[k]) === 'false');
  return hasFalse(GRANT_IS_FOR_AWS_RESOURCE) && hasFalse(PRINCIPAL_IS_AWS_SERVICE);
}

/** `check`: the key policy has a non-empty Statement list with some statement the control accepts. */
export function passesCtKmsPr3(keyPolicy: any): boolean {
  return isStruct(keyPolicy) && Array.isArray(keyPolicy.Statement) && keyPolicy.Statement.length > 0
    && keyPolicy.Statement.some(isCtKmsPr3Statement);
}
