import { MINIO_ACCESS_KEY } from '../../../src/policies/aws/minio';

describe('MINIO_ACCESS_KEY', () => {
  test.each([
    ['rudderstack-events', []],
    ['palette.backup@site', []],
    ['ab', ['it must be 3-128 letters, digits and ._-@']],
    ['a b c', ['it must be 3-128 letters, digits and ._-@']],
    ['a'.repeat(129), ['it must be 3-128 letters, digits and ._-@']],
  ])('%j', (value, problems) => {
    expect(MINIO_ACCESS_KEY.check(value)).toEqual(problems);
  });
});
