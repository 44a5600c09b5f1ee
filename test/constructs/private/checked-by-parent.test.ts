import { checkedByParent, namesCheckedByParent } from '../../../src/constructs/private/checked-by-parent';

describe('checkedByParent', () => {
  test('a copy of the props with the names, never the caller\'s object', () => {
    const props = Object.freeze({ storageAccountName: 'x' });
    const checked = checkedByParent(props, { prefix: 'storageAccountProps.' });
    expect(checked).not.toBe(props);
    expect(checked.storageAccountName).toBe('x');
    expect(props).toEqual({ storageAccountName: 'x' });
    expect(Object.keys(checked)).toEqual(['storageAccountName']);
    expect(namesCheckedByParent(checked)).toEqual({ prefix: 'storageAccountProps.' });
  });

  test('props nobody checked carry no mark, nor do copies made outside (a jsii caller\'s props)', () => {
    const checked = checkedByParent({ storageAccountName: 'x' }, { prefix: 'p.' });
    expect(namesCheckedByParent({ storageAccountName: 'x' })).toBeUndefined();
    expect(namesCheckedByParent(undefined)).toBeUndefined();
    expect(namesCheckedByParent(JSON.parse(JSON.stringify(checked)))).toBeUndefined();
  });
});
