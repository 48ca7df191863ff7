import { readFileSync } from 'node:fs';
import { projectClassifier } from '../src/classification/classification.spec-support';
const c = projectClassifier();
let n = 0;
for (const text of readFileSync('scratch/heads.txt', 'utf8').trim().split('\n')) { for (const [title, body] of [['', text], [text, '']]) { const r: any = c.classify({ id: '1', title, text: body } as any); if (r.alert) n++; console.log(r.alert ? 'ALERT' : '     ', title ? 'T' : 'B', text); } }
console.log('alerts', n);
