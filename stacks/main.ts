// cdktf app entry (cdktf.json runs `npx tsx stacks/main.ts`): the example stack, configured
// from stacks/example.config.ts with IDEMEUM_* environment overrides.
import { App, LocalBackend } from 'cdktf';
import { withEnvironment } from './config';
import { EXAMPLE_STACK_NAME } from './build';
import { exampleConfig } from './example.config';
import { ExampleStack } from './example-stack';

const app = new App();
const stack = new ExampleStack(app, EXAMPLE_STACK_NAME, withEnvironment(exampleConfig, process.env));
// State next to cdk.tf.json (where terraform runs), not in whichever directory ran the synth;
// a pipeline replaces this with its own backend.
new LocalBackend(stack, { path: 'terraform.tfstate' });
app.synth();
