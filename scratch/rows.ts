import { join } from 'node:path';
import { projectClassifier } from '../src/classification/classification.spec-support';
import { loadRealPosts, XHS_LABELS_FILE } from '../src/classification/eval/real-posts.eval';
import { projectRoot } from '../src/classification/lexicon/lexicon.loader';
const rows = process.argv.slice(2).map(Number);
const posts = loadRealPosts('/work/shared', join(projectRoot(), XHS_LABELS_FILE));
const c = projectClassifier();
for (const p of posts.filter((p: any) => rows.includes(p.row))) {
  const r: any = c.classify({ title: '', text: p.text } as any);
  console.log(JSON.stringify({ row: (p as any).row, text: p.text.slice(0, 400), alert: r.alert, category: r.category, reasons: r.explanation ?? r.reasons }, null, 0).slice(0, 2500));
}
