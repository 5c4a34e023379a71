// Worker threads start without the parent's TypeScript loader: register tsx, then load the task.
import { register } from 'tsx/esm/api';

register();
const { default: runSweepTask } = await import('./sweep-worker.ts');
export default runSweepTask;
