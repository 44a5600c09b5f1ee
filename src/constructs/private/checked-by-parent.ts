// Shared by the constructs of every cloud (it needs no back end): a parent construct that has checked
// a child's props under the names the user wrote marks the copy it passes, so the child does not
// check (and report) them a second time.

/** Where a parent's "already checked" mark is kept on the props it passes a child (a copy, never the caller's object). */
const CHECKED_BY_PARENT = Symbol('saas-backup-constructs: props checked by the parent construct');

/**
 * A copy of `props` marked as checked by the parent construct that passes them to a child: the parent
 * has checked every value under the names the user wrote (`names`), and thrown every problem. The
 * child then does not check them again, and names them with `names` in its warnings. Call it only
 * after the parent's `throwIfAny()`.
 */
export function checkedByParent<P extends object, N extends object>(props: P, names: N): P {
  return { ...props, [CHECKED_BY_PARENT]: names };
}

/** The names a parent checked `props` under (see `checkedByParent`), or undefined when it did not check them. */
export function namesCheckedByParent<N extends object>(props: object | undefined): N | undefined {
  return (props as { [CHECKED_BY_PARENT]?: N } | undefined)?.[CHECKED_BY_PARENT];
}
