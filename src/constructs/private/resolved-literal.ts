// Internal: a value given as a token that resolves to a literal (a Lazy, a function of literals) is
// still a literal, and gets the rule a literal gets, at synth time, for every back end.
import { IConstruct } from 'constructs';
import { problemsAt, ValueRule } from '../../policies/validation';

/** What a back end says of a token whose value cannot be checked before deployment, but must be: the problem. */
export interface Uncheckable {
  readonly uncheckable: string;
}

/**
 * When `value` is unresolved (`isUnresolved`), checks at synth time what it resolves to:
 * `resolveLiteral` returns the literal the token stands for; undefined when it is a reference the
 * deployment engine resolves (a parameter, a resource attribute), which stays unchecked; or an
 * `Uncheckable` whose problem is reported instead. The problem names `owner`'s path and `prop`, as
 * the construct-time check of a literal does.
 */
export function checkWhenResolvedToLiteral(
  owner: IConstruct,
  value: string | undefined,
  rule: ValueRule,
  prop: string,
  isUnresolved: (v: unknown) => boolean,
  resolveLiteral: () => string | Uncheckable | undefined,
): void {
  if (value === undefined || !isUnresolved(value)) return;
  owner.node.addValidation({
    validate: () => {
      const resolved = resolveLiteral();
      if (resolved === undefined) return [];
      const problems = problemsAt(owner, () => false);
      return [...(typeof resolved === 'string' ? problems.check(rule, resolved, prop) : problems.add(resolved.uncheckable)).problems];
    },
  });
}
