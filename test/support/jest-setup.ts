// Runs before every test file (jest `setupFiles`).
//
// aws-cdk-lib's built-in CloudFormation validator starts a WebAssembly engine afresh in every test
// file (about 2.9 s CPU each); the tests assert the templates themselves, so it is off here. It
// stays on in `npm run synth` (cdk.json sets @aws-cdk/core:validateAgainstDefaultRules) and in
// test/examples/cloudformation-validation.test.ts, which synthesizes every AWS example with it.
process.env.CDK_VALIDATION = 'false';

// aws-cdk-lib records a stack trace with every CloudFormation element it creates and with every
// annotation (metadata for debugging); under jest each is a source-mapped trace, about 7 s of the
// suite's CPU. No test reads them, so both are off here, with aws-cdk-lib's own switches: the
// context key aws:cdk:disable-creation-stack-traces (read by every App from CDK_CONTEXT_JSON; it is
// the only key set there, so the context a test gives its App is unchanged) and
// CDK_DISABLE_STACK_TRACE.
process.env.CDK_DISABLE_STACK_TRACE = '1';
process.env.CDK_CONTEXT_JSON = JSON.stringify({ 'aws:cdk:disable-creation-stack-traces': true });

// cdktf records where every token was made (Error.captureStackTrace on a plain object, read at
// once; shown only in its resolution error messages). Under jest, each of those stacks went through
// jest's source-map formatter, about 1.5 s of the suite's CPU. Those captures get V8's own format
// here, the one they have outside jest; stacks of real errors keep jest's source-mapped format
// (test/support/jest-setup.test.ts).
{
  const capture = Error.captureStackTrace;
  const plainFormat = (_target: unknown, frames: NodeJS.CallSite[]): string => ['Error', ...frames.map((f) => `    at ${String(f)}`)].join('\n');
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  Error.captureStackTrace = function captureStackTrace(target: object, below?: Function): void {
    // Without `below`, the stack starts at the caller, as with V8's own function (this one is hidden).
    if (target instanceof Error || Object.prototype.hasOwnProperty.call(Error, 'prepareStackTrace')) return capture(target, below ?? captureStackTrace);
    Error.prepareStackTrace = plainFormat;
    try {
      capture(target, below ?? captureStackTrace);
      // V8 formats the stack when it is first read: read it while the plain format is in place.
      void (target as { stack?: unknown }).stack;
    } finally {
      Reflect.deleteProperty(Error, 'prepareStackTrace');
    }
  };
}
