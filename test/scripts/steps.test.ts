// scripts/steps.js: the scheduler of npm test and of the consumer matrix.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runSteps } = require('../../scripts/steps.js');

interface Result { name: string; ok: boolean; seconds: number; error?: unknown; notRun?: string }

/** A step that records when it starts and ends, and ends when `release(name)` is called. */
function recorder() {
  const events: string[] = [];
  const pending = new Map<string, (fail?: boolean) => void>();
  const step = (name: string, after?: string[]) => ({
    name,
    after,
    run: () => new Promise<void>((resolve, reject) => {
      events.push(`start ${name}`);
      pending.set(name, (fail) => {
        events.push(`end ${name}`);
        if (fail) reject(new Error(`${name} broke`));
        else resolve();
      });
    }),
  });
  const release = async (name: string, fail = false) => {
    for (let i = 0; i < 50 && !pending.has(name); i++) await new Promise((r) => setImmediate(r));
    const end = pending.get(name);
    if (!end) throw new Error(`${name} never started; events: ${events.join(', ')}`);
    pending.delete(name);
    end(fail);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  return { events, step, release };
}

describe('scripts/steps.js', () => {
  test('a step starts only when what it needs has passed; the others start at once', async () => {
    const { events, step, release } = recorder();
    const done = runSteps([step('compile'), step('lint'), step('api-md', ['compile'])]);
    await release('lint');
    expect(events).toEqual(['start compile', 'start lint', 'end lint']);
    await release('compile');
    await release('api-md');
    const results: Result[] = await done;
    expect(results.map((r) => [r.name, r.ok])).toEqual([['compile', true], ['lint', true], ['api-md', true]]);
    expect(events).toEqual(['start compile', 'start lint', 'end lint', 'end compile', 'start api-md', 'end api-md']);
  });

  test('a failed step fails the steps that need it, which do not run', async () => {
    const { events, step, release } = recorder();
    const ended: string[] = [];
    const done = runSteps([step('compile'), step('api-md', ['compile']), step('package', ['api-md'])], { onEnd: (r: Result) => ended.push(r.name) });
    await release('compile', true);
    const results: Result[] = await done;
    expect(events).toEqual(['start compile', 'end compile']);
    expect(results[0]).toMatchObject({ name: 'compile', ok: false, error: new Error('compile broke') });
    expect(results[1]).toMatchObject({ name: 'api-md', ok: false, notRun: 'compile' });
    expect(results[2]).toMatchObject({ name: 'package', ok: false, notRun: 'api-md' });
    expect(ended).toEqual(['compile', 'api-md', 'package']);
  });

  test('at most `concurrency` steps run at a time', async () => {
    const { events, step, release } = recorder();
    const done = runSteps([step('a'), step('b'), step('c')], { concurrency: 2 });
    await release('a');
    expect(events).toEqual(['start a', 'start b', 'end a', 'start c']);
    await release('b');
    await release('c');
    expect((await done).every((r: Result) => r.ok)).toBe(true);
  });

  test('a step that needs one not given before it, or a name given twice, is refused before anything runs', async () => {
    const run = jest.fn(async () => undefined);
    await expect(runSteps([{ name: 'api-md', after: ['compile'], run }, { name: 'compile', run }])).rejects.toThrow('step "api-md" needs "compile", which is not given before it');
    await expect(runSteps([{ name: 'a', run }, { name: 'a', run }])).rejects.toThrow('step "a" is given twice');
    await new Promise((r) => setImmediate(r));
    expect(run).not.toHaveBeenCalled();
  });
});
