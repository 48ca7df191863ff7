import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { projectClassifier } from '../src/classification/classification.spec-support';
import { backgroundTexts, trainComplaintModel } from '../src/classification/complaint-model/complaint.trainer';
import { teamTrainingSets } from '../src/classification/category-model/category.trainer';
const c = projectClassifier();
const m0 = trainComplaintModel(c.withComplaintModel(null), teamTrainingSets(), join(mkdtempSync(join(tmpdir(), 'p-')), 'c.json'), {}, backgroundTexts('/work/shared'));
const c0 = c.withComplaintModel(m0);
for (const text of [
  '增值税本来就是按售价收的吧？跟成本没关系，能扣成本的是企业所得税',
  '更正一下：个税的应纳税额应该用全年收入减去六万再减专项扣除，而不是按月算',
  '小规模纳税人的增值税不是一直都免吗？怎么又要交了',
  '核定征收又要取消了？忽悠，接着忽悠',
  '印花税不是按合同金额算的吗，跟开不开票没关系',
  '说白了附加税就是跟着增值税走的，增值税免了附加税也就没了',
  '社保费不是税务局在收吗？为啥还要去社保局',
  '纠正一下楼上：专项附加扣除不是在这里填的，要去个税APP里填',
])
  console.log(c0.classify({ id: '1', title: '', text } as any).alert, c.classify({ id: '1', title: '', text } as any).alert, text);
