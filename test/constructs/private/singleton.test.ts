import { Construct } from 'constructs';
import { singletonChild } from '../../../src/constructs/private/singleton';
import { newStack } from '../../support/stack';

describe('singletonChild', () => {
  class Registry extends Construct {}
  test('made once on first use, found by its fixed id afterwards', () => {
    const stack = newStack();
    let made = 0;
    const get = () => singletonChild(stack, 'Registry', Registry, () => {
      made++;
      return new Registry(stack, 'Registry');
    });
    expect(get()).toBe(get());
    expect(made).toBe(1);
    expect(stack.node.tryFindChild('Registry')).toBeInstanceOf(Registry);
  });

  test('an id taken by another construct (another copy of the library, say) is an error naming it', () => {
    const stack = newStack();
    new Construct(stack, 'Registry');
    expect(() => singletonChild(stack, 'Registry', Registry, () => new Registry(stack, 'Registry'))).toThrow(
      'Stack/Registry is taken by a construct that is not this library\'s Registry (a construct of yours with this id, or two copies of saas-backup-constructs in one app?)',
    );
  });
});
