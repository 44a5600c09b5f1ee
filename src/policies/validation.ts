/**
 * Synth-time validation shared by every back end.
 *
 * A `ValueRule` is a pure, tiny, separately tested function in the style of cdk-nag's rules:
 * it lists every rule a value breaks. `ValidationProblems` collects the violations of all the
 * values a construct receives and throws them as one message, so a user fixes everything in
 * one pass. Values that are unresolved tokens are skipped: the back end says which they are.
 */

import { awsCdkTokenProblem, hasAwsCdkToken } from './terraform-expression';

/** A rule for one kind of value. */
export interface ValueRule {
  /** What the value is, in the vendor's or cloud's words: 'S3 bucket name', 'AWS account ID'. */
  readonly subject: string;
  /** Every rule the value breaks, each a short clause; empty when the value is valid. */
  readonly check: (value: string) => string[];
  /** How to write a valid value, as one sentence. */
  readonly fix: string;
  /** How to show the value in a message (for long or multi-line values such as PEM text). @default the value, quoted */
  readonly display?: (value: string) => string;
}

/** The message for one invalid value. */
export function describeViolation(rule: ValueRule, value: string, path: string, problems: string[]): string {
  const shown = rule.display ? rule.display(value) : JSON.stringify(value);
  return `Invalid ${rule.subject} ${shown} at ${path}: ${problems.join('; ')}. ${rule.fix}`;
}

/** Shows at most `max` characters of a long value. */
export function abbreviate(value: string, max = 80): string {
  return value.length <= max ? JSON.stringify(value) : `${JSON.stringify(value.slice(0, max))}... (${value.length} characters)`;
}

/** Raised at synth time with every problem found in one construct's input. */
export class InputValidationError extends Error {
  public readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} problems:\n- ${problems.join('\n- ')}`);
    this.name = 'InputValidationError';
    this.problems = problems;
  }
}

/**
 * Collects the problems of one construct's input.
 *
 * @example
 * new ValidationProblems(this.node.path, Token.isUnresolved)
 *   .check(S3_BUCKET_NAME, props.bucketName)
 *   .check(AWS_ACCOUNT_ID, props.paletteAccountId, 'paletteAccountId')
 *   .throwIfAny();
 */
export class ValidationProblems {
  private readonly found: string[] = [];

  /**
   * @param path the construct path, named in every message
   * @param isUnresolved the back end's token test (aws-cdk-lib's or cdktf's `Token.isUnresolved`)
   * @param foreignToken the problem of a value holding the OTHER back end's token (an aws-cdk-lib
   *   token in a cdktf stack), which this back end would write as its placeholder text; undefined when none
   */
  constructor(
    private readonly path: string,
    private readonly isUnresolved: (value: unknown) => boolean,
    private readonly foreignToken?: (value: unknown, prop: string) => string | undefined,
  ) {}

  /**
   * Checks a value, unless it is undefined or (wholly or partly) an unresolved token. A value that is
   * not a string (a JavaScript caller's number, object or null) is a problem naming `prop` and the
   * type, never passed to the rule.
   */
  public check(rule: ValueRule, value: unknown, prop?: string): this {
    const foreign = value === undefined ? undefined : this.foreignToken?.(value, prop ?? rule.subject);
    if (foreign !== undefined) return this.add(foreign);
    if (value === undefined || this.isUnresolved(value)) return this;
    if (typeof value !== 'string') return this.wrongType(prop ?? rule.subject, value, 'a string');
    const problems = rule.check(value);
    if (problems.length > 0) {
      const where = prop ? `${this.path} (${prop})` : this.path;
      this.found.push(describeViolation(rule, value, where, problems));
    }
    return this;
  }

  /**
   * Checks every value of a list, naming each by its index; a list that is itself a token is skipped.
   * A value that is not a list, and a `null` or `undefined` element, are problems naming the prop.
   */
  public checkEach(rule: ValueRule, values: unknown, prop?: string): this {
    if (values === undefined || this.isUnresolved(values)) return this;
    const name = prop ?? rule.subject;
    if (!Array.isArray(values)) return this.checkList(values, name);
    values.forEach((value, i) => {
      if (value === undefined || value === null) this.add(`${name}[${i}] is ${value}; remove it from the list or give a value`);
      else this.check(rule, value, `${name}[${i}]`);
    });
    return this;
  }

  /**
   * Adds "PROP is required" when a required value is missing (`undefined` or `null`, as a JavaScript
   * caller may pass), with how to give it.
   */
  public required(value: unknown, prop: string, fix: string): this {
    return this.addIf(value === undefined || value === null, `${prop} is required; ${fix}`);
  }

  /** Adds a problem when a given value is not a string (the value is never shown: it may be a secret). */
  public checkString(value: unknown, prop: string): this {
    if (value === undefined || typeof value === 'string' || this.isUnresolved(value)) return this;
    return this.wrongType(prop, value, 'a string');
  }

  /** Adds a problem when a given value is not a list (JavaScript's array). */
  public checkList(value: unknown, prop: string): this {
    if (value === undefined || Array.isArray(value) || this.isUnresolved(value)) return this;
    return this.wrongType(prop, value, 'a list');
  }

  /**
   * Adds a problem when a given value is not a boolean (`"true"` from a JavaScript caller or a
   * configuration file; `"false"` would read as true wherever the value is only tested for truth).
   */
  public checkBoolean(value: unknown, prop: string): this {
    if (value === undefined || typeof value === 'boolean' || this.isUnresolved(value)) return this;
    return this.add(`${prop} must be a boolean (true or false), not ${typeOfValue(value)}`
      + (typeof value === 'string' ? ' (a string such as "false" would read as true)' : ''));
  }

  /**
   * Adds a problem when a given value is not exactly one of `allowed` (an enum's values: no other
   * case, no padding), with `oneOfRule`'s message; `subject` names the enum (default: the prop).
   */
  public checkOneOf(value: unknown, allowed: readonly string[], prop: string, subject: string = prop): this {
    if (value === undefined || this.isUnresolved(value)) return this;
    if (typeof value !== 'string') return this.wrongType(prop, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    return this.check(oneOfRule(subject, allowed), value, prop);
  }

  /**
   * Adds a problem when a given value is not an object with `members` (a JavaScript caller's plain
   * string where a class is expected): `expected` names the class, e.g. "a ResourceGroup".
   */
  public checkObject(value: unknown, prop: string, expected: string, members: readonly string[] = []): this {
    if (value === undefined || this.isUnresolved(value)) return this;
    const ok = typeof value === 'object' && value !== null && members.every((m) => m in (value as object));
    return ok ? this : this.wrongType(prop, value, expected);
  }

  /** "PROP must be EXPECTED, not TYPE": the value itself is never shown (it may be a secret). */
  private wrongType(prop: string, value: unknown, expected: string): this {
    return this.add(`${prop} must be ${expected}, not ${typeOfValue(value)}`);
  }

  /** Adds a problem that is not about one value's form (a conflict between props, say). */
  public add(message: string): this {
    this.found.push(`${message} (at ${this.path})`);
    return this;
  }

  /** Adds "PROP is empty; FIX" when a value is given but blank (tokens are not checked). */
  public checkNotBlank(value: string | undefined, prop: string, fix: string): this {
    if (value === undefined || this.isUnresolved(value)) return this;
    return this.addIf(value.trim().length === 0, `${prop} is empty; ${fix}`);
  }

  /** Adds `message` when `condition` holds. */
  public addIf(condition: boolean, message: string): this {
    return condition ? this.add(message) : this;
  }

  /** The problems found so far. */
  public get problems(): readonly string[] {
    return [...this.found];
  }

  /** Throws every problem found, as one error. */
  public throwIfAny(): void {
    if (this.found.length > 0) throw new InputValidationError(this.found);
  }
}

/** A value's type in a message: "null", "a list", "a number", "a string", "an object", "undefined". */
export function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'a list';
  const type = typeof value;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * What a JavaScript caller gave where another type is expected, in words: `typeOfValue`'s type with
 * what identifies it: "a number (12)", "a boolean (false)", "an object (Duration)", "a list", "null".
 * A string's content is shown only when `showString` (never for a value that may be a secret).
 */
export function describeInput(value: unknown, showString: boolean = false): string {
  const type = typeOfValue(value);
  if (typeof value === 'string') return showString ? `${type} (${abbreviate(value, 40)})` : type;
  if (typeof value === 'number' || typeof value === 'boolean') return `${type} (${value})`;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const name = (value as object).constructor?.name;
    return name && name !== 'Object' ? `${type} (${name})` : type;
  }
  return type;
}

/** What `problemsAt` needs of a construct: its path (structural, so this file imports no back end). */
export interface HasConstructPath {
  readonly node: { readonly path: string };
}

/**
 * The problems of one construct's input, named by its path; `isUnresolved` is the back end's token
 * test (cdktf's or aws-cdk-lib's `Token.isUnresolved`). The one factory the GCP and Azure constructs share.
 *
 * @example
 * problemsAt(this, Token.isUnresolved).check(GCS_BUCKET_NAME, props.bucketName, 'bucketName').throwIfAny();
 */
export function problemsAt(scope: HasConstructPath, isUnresolved: (value: unknown) => boolean): ValidationProblems {
  // The GCP and Azure constructs are cdktf's: an aws-cdk-lib token there would be written as its placeholder text.
  return new ValidationProblems(scope.node.path, isUnresolved, (value, prop) => (hasAwsCdkToken(value) ? awsCdkTokenProblem(prop) : undefined));
}

/**
 * A warning's text with its ID in front, `[saas-backup-constructs:<Id>] <message>`, for back ends
 * whose warnings have no ID of their own (cdktf's `Annotations.addWarning`), so a reviewer can grep
 * for it and a test can assert it by name.
 */
export function warningWithId(id: string, message: string): string {
  return `[saas-backup-constructs:${id}] ${message}`;
}

/**
 * A value given where one of a fixed set of strings (an enum's values) is expected; a near miss
 * (another case, spaces, "_" or "-") is named ("did you mean SELF, exactly?").
 */
export function oneOfRule(subject: string, allowed: readonly string[]): ValueRule {
  return ruleOf(subject, `Use one of ${allowed.join(', ')} (the enum's value, exactly as written).`, [
    [(v) => !allowed.includes(v), (v) => {
      const loose = (x: string) => x.trim().toLowerCase().replace(/[\s_-]+/g, '');
      const near = allowed.find((a) => loose(a) === loose(String(v)));
      return near !== undefined ? `it is not one of the values (did you mean ${near}, exactly?)` : 'it is not one of the values';
    }],
  ]);
}

/** The values that occur more than once, each once, in order. */
export function duplicatesOf(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const v of values) (seen.has(v) ? repeated : seen).add(v);
  return [...repeated];
}

/** One check of a rule: when `broken(value)`, the clause (or the clause made from the value) is a problem. */
export type Check = [broken: (value: string) => boolean, clause: string | ((value: string) => string)];

/** A rule made of named checks: each `[broken, clause]` pair adds `clause` when `broken(value)`. */
export function ruleOf(subject: string, fix: string, checks: Check[], display?: (value: string) => string): ValueRule {
  return {
    subject,
    fix,
    display,
    check: (value) => checks.filter(([broken]) => broken(value)).map(([, clause]) => (typeof clause === 'string' ? clause : clause(value))),
  };
}
