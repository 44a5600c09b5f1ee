// @ts-check
/**
 * The step scheduler of `npm test` (scripts/test-parallel.js) and of the consumer matrix
 * (scripts/consumer-matrix.js): each step starts as soon as every step it needs has passed, at most
 * `concurrency` at a time. A step fails when its `run` rejects; a step that needs a failed step
 * does not run and counts as failed. The results come back in the order the steps were given.
 */
'use strict';

/**
 * @typedef {{ name: string, after?: string[], run: () => Promise<void> }} Step
 * @typedef {{ name: string, ok: boolean, seconds: number, error?: unknown, notRun?: string }} StepResult
 *   notRun: the failed step it needed, when it did not run
 */

/**
 * Runs `steps`; `onEnd` is called as each one ends (or is found not to run).
 * Rejects before any step starts when a step needs one not given before it (so there can be no
 * cycle) or a name is given twice.
 * @param {Step[]} steps
 * @param {{ concurrency?: number, onEnd?: (result: StepResult) => void }} [options]
 * @returns {Promise<StepResult[]>}
 */
async function runSteps(steps, { concurrency = Infinity, onEnd = () => {} } = {}) {
  /** @type {Map<string, Promise<StepResult>>} */
  const started = new Map();
  let running = 0;
  /** @type {(() => void)[]} */
  const waiting = [];
  const slot = async () => {
    while (running >= concurrency) await new Promise((resolve) => waiting.push(() => resolve(undefined)));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };

  // Checked before anything starts.
  const given = new Set();
  for (const step of steps) {
    if (given.has(step.name)) throw new Error(`step "${step.name}" is given twice`);
    for (const name of step.after ?? []) {
      if (!given.has(name)) throw new Error(`step "${step.name}" needs "${name}", which is not given before it`);
    }
    given.add(step.name);
  }

  for (const step of steps) {
    const before = (step.after ?? []).map((name) => /** @type {Promise<StepResult>} */ (started.get(name)));
    started.set(step.name, Promise.all(before).then(async (priors) => {
      const failed = priors.find((p) => !p.ok);
      /** @type {StepResult} */
      let result;
      if (failed) {
        result = { name: step.name, ok: false, seconds: 0, notRun: failed.name };
      } else {
        await slot();
        const t0 = process.hrtime.bigint();
        try {
          await step.run();
          result = { name: step.name, ok: true, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
        } catch (error) {
          result = { name: step.name, ok: false, seconds: Number(process.hrtime.bigint() - t0) / 1e9, error };
        } finally {
          release();
        }
      }
      onEnd(result);
      return result;
    }));
  }
  return Promise.all(started.values());
}

module.exports = { runSteps };
