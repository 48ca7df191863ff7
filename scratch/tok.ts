import { projectClassifier } from '../src/classification/classification.spec-support';
const c: any = projectClassifier();
for (const t of process.argv.slice(2)) console.log(c.tokens('', t).join('|'));
