import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Classifier, loadResources } from '../src/classification/classifier';
import { loadToneModel } from '../src/classification/tone-model/tone-model.file';
import { ClassificationConfig } from '../src/classification/classification.config';
import { validateEnv } from '../src/infrastructure/config/validate-env';
import { backgroundTexts, trainComplaintModel, alertFigures } from '../src/classification/complaint-model/complaint.trainer';
import { teamTrainingSets, trainCategoryModel } from '../src/classification/category-model/category.trainer';
import { projectRoot } from '../src/classification/lexicon/lexicon.loader';
import { loadRealPosts, XHS_LABELS_FILE, evaluateRealPosts, shortHash } from '../src/classification/eval/real-posts.eval';
const config: any = validateEnv(ClassificationConfig as any);
const base = new Classifier(loadResources(config.lexiconDirs), null, loadToneModel(config.TONE_MODEL_PATH));
const bg = backgroundTexts('/work/shared');
const posts = loadRealPosts('/work/shared', join(projectRoot(), XHS_LABELS_FILE)).filter((p) => p.part === 'dev');
const reps = Number(process.argv[2] ?? 0);
const rep = (ps: typeof posts) => Array.from({ length: reps }, () => ps.map((p) => ({ text: p.text, alert: p.againstAuthority }))).flat();
const sets = teamTrainingSets();
const dir = mkdtempSync(join(tmpdir(), 'oof-'));
const out: any = { reps };
let f = 0, k = 0, n = 0;
// 1) each independent set's dev half left out in turn (prior + complaint retrained), all dev posts trained on
for (const [i, s] of sets.entries()) {
  if (!s.part.startsWith('dev')) continue;
  const train = sets.filter((_, j) => j !== i);
  const cat = trainCategoryModel(base, train, join(dir, `cat${i}.json`), {});
  const wc = base.withCategoryModel(cat);
  const m = trainComplaintModel(wc, train, join(dir, `c${i}.json`), {}, bg, rep(posts));
  const a = alertFigures(wc.withComplaintModel(m), s.cases);
  out[s.file.split('-').pop()!] = [a.f1, a.alertCategory]; f += a.f1; k += a.alertCategory; n++;
}
out.devMeanF1 = +(f / n).toFixed(4); out.devMeanCat = +(k / n).toFixed(4);
// 2) dev posts in two folds by hash (prior as shipped = trained on all sets)
const cat = trainCategoryModel(base, sets, join(dir, 'catall.json'), {});
const wc = base.withCategoryModel(cat);
let fa = 0, caught = 0, comp = 0;
for (const fold of [0, 1]) {
  const inFold = (p: (typeof posts)[0]) => parseInt(shortHash(p.text).slice(0, 2), 16) % 2 === fold;
  const m = trainComplaintModel(wc, sets, join(dir, `p${fold}.json`), {}, bg, rep(posts.filter((p) => !inFold(p))));
  const r = evaluateRealPosts(posts.filter(inFold), (x) => wc.withComplaintModel(m).classify(x));
  fa += r.falseAlerts; console.error(fold, r.missedRows, r.falseAlertRows); caught += r.complaintsCaught; comp += r.complaints;
}
out.devPosts2fold = { fa, caught: `${caught}/${comp}` };
console.log(JSON.stringify(out));
