import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationProblems } from '../../../policies/validation';

/** Collects the input problems of `scope`; cdktf tokens are not validated. */
export function azureProblems(scope: IConstruct): ValidationProblems {
  return new ValidationProblems(scope.node.path, Token.isUnresolved);
}
