// cdktf app entry (cdktf.json runs `npx tsx stacks/main.ts`): the example stack, configured
// from stacks/example.config.ts with IDEMEUM_* environment overrides.
import { App } from 'cdktf';
import { withEnvironment } from './config';
import { EXAMPLE_STACK_NAME } from './build';
import { exampleConfig } from './example.config';
import { ExampleStack } from './example-stack';

const app = new App();
new ExampleStack(app, EXAMPLE_STACK_NAME, withEnvironment(exampleConfig, process.env));
app.synth();
