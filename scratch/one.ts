import { projectClassifier } from '../src/classification/classification.spec-support';
const c = projectClassifier();
for (const text of process.argv.slice(2)) { const r: any = c.classify({ id: '1', title: '', text } as any); console.log(r.alert, r.negative, r.toneScore, r.category, JSON.stringify(r.reasons.map((x: any) => x.rule + ':' + x.term)), text); }
