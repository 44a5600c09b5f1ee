// Shared by the constructs of every cloud (it needs only `constructs`): state that belongs to an app, a
// stack or a provider lives on the construct tree, never in module state.
import { IConstruct } from 'constructs';

/**
 * The one child of `owner` with the fixed construct id `id`, made by `create` on first use: state that
 * belongs to an app or a stack lives on its construct tree, where it is found by path, and not in
 * module state (which hides who owns it, and which two copies of the library in one app would not
 * share: here the second copy finds the first one's child and says so).
 */
export function singletonChild<T extends IConstruct>(owner: IConstruct, id: string, type: abstract new (...args: never[]) => T, create: () => T): T {
  const existing = owner.node.tryFindChild(id);
  if (existing === undefined) return create();
  if (existing instanceof type) return existing;
  throw new Error(`${existing.node.path} is taken by a construct that is not this library's ${type.name} (a construct of yours with this id, or two copies of saas-backup-constructs in one app?)`);
}
