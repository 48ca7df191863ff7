import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Classifier, loadResources } from '../src/classification/classifier';
import { projectRoot } from '../src/classification/lexicon/lexicon.loader';
import { loadToneModel } from '../src/classification/tone-model/tone-model.file';
import { loadCategoryModel } from '../src/classification/category-model/category.model';
import { ClassificationConfig } from '../src/classification/classification.config';
import { validateEnv } from '../src/infrastructure/config/validate-env';
import { backgroundTexts, trainComplaintModel, alertFigures } from '../src/classification/complaint-model/complaint.trainer';
import { teamTrainingSets } from '../src/classification/category-model/category.trainer';
import { INDEPENDENT_SETS, independentPart, readCases } from '../src/classification/eval/team-sets.eval';
import { loadRealPosts, XHS_LABELS_FILE, evaluateRealPosts } from '../src/classification/eval/real-posts.eval';
const config: any = validateEnv(ClassificationConfig as any);
const base = new Classifier(loadResources(config.lexiconDirs), null, loadToneModel(config.TONE_MODEL_PATH));
const withCat = base.withCategoryModel(loadCategoryModel(config.CATEGORY_MODEL_PATH));
const bg = backgroundTexts('/work/shared');
const posts = loadRealPosts('/work/shared', join(projectRoot(), XHS_LABELS_FILE));
const dev = posts.filter((p) => p.part === 'dev');
const mode = process.argv[2] ?? 'none';
const reps = Number(process.argv[3] ?? 1);
const extra = mode === 'none' ? [] : Array.from({ length: reps }, () => dev.map((p) => ({ text: p.text, alert: p.againstAuthority }))).flat();
const dir = mkdtempSync(join(tmpdir(), 'exp-'));
const m = trainComplaintModel(withCat, teamTrainingSets(), join(dir, 'c.json'), {}, bg, extra);
const c = withCat.withComplaintModel(m);
const out: any = { mode, reps };
let f = 0, k = 0;
for (const s of INDEPENDENT_SETS) {
  const cases = readCases(join(projectRoot(), s.file)).filter((x: any) => independentPart(x.id) === 'held-out');
  const a = alertFigures(c, cases); out[s.name] = [a.f1, a.alertCategory]; f += a.f1; k += a.alertCategory;
}
out.meanF1 = +(f / 4).toFixed(4); out.meanCat = +(k / 4).toFixed(4);
for (const part of ['held-out', 'dev'] as const) {
  const r = evaluateRealPosts(posts.filter((p) => p.part === part), (i) => c.classify(i));
  out['xhs-' + part] = { fa: r.falseAlerts, rows: r.falseAlertRows, caught: `${r.complaintsCaught}/${r.complaints}` };
}
console.log(JSON.stringify(out));
