import { benchPipeline } from './pipeline.bench.js';

benchPipeline().then((r) => console.table(r));
