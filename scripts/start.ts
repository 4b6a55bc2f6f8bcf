/** `npm start`: placeholder until the local runtime lands (issue 3): builds and says so. */
import { ensureBuild } from './ensure-build.ts';

await ensureBuild();
console.log('dist/ is built. The local runtime (grid, menu, sidebar) arrives with the next step.');
