import { Body, Controller, Get, Header, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/roles';
import { ConsoleExceptionFilter } from '../../console/console-exception.filter';
import { DomainError } from '../../infrastructure/http/domain-error';
import { Clock } from '../../infrastructure/clock/clock';
import { formatShanghai } from '../../notifications/time-format';
import { contentDisposition, XLSX_TYPE } from '../../statistics/bulletin/bulletin-xlsx';
import { badInput } from '../incident.errors';
import { EXPORT_MAX_ROWS, incidentsCsv, incidentsXlsx } from '../query/incident-export';
import { BulkTarget, IncidentBulkService, isBulkOp, summariseBulk } from '../triage/incident-bulk.service';
import { ListIncidentsQuery } from '../incident.dto';
import type { IncidentSnapshot } from '../incident.types';
import { IncidentDetailService } from '../query/incident-detail.service';
import { renderDetail } from './incident-detail.view';
import { IncidentQueryService } from '../query/incident-query.service';
import { renderQueue } from './incident-queue.view';
import { canSee, isHq } from '../query/incident-scope';
import { ACTION_LABELS, isAction } from '../triage/incident-state';
import { REVIEW_DECISION_LABELS, REVIEW_DECISIONS, ReviewDecision } from '../triage/incident-review';
import { IncidentTriageService } from '../triage/incident-triage.service';
import { REPORT_FIELDS } from '../triage/report-form';

type Form = Record<string, string | string[] | undefined>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The queue's URL filters: no status (or status=review) means the review backlog (待研判: new, and auto-confirmed
 * grade Ⅰ/Ⅱ no person has looked at yet); status=all means every status.
 */
export function parseQueueQuery(raw: Record<string, unknown>): ListIncidentsQuery {
  const plain: Record<string, unknown> = { ...raw };
  delete plain.review;
  if (plain.status === undefined || plain.status === '' || plain.status === 'review') {
    delete plain.status;
    plain.review = true;
  }
  if (plain.status === 'all') delete plain.status;
  delete plain.msg;
  delete plain.err;
  const q = plainToInstance(ListIncidentsQuery, plain);
  const errors = validateSync(q, { whitelist: true });
  if (errors.length) throw badInput(`筛选条件有误：${errors.map((e) => e.property).join('、')}`);
  return q;
}

/** Why an incident the actor just acted on is no longer theirs to open. */
function leftNote(inc: IncidentSnapshot): string {
  return `事件 #${inc.id} 现属单位 ${inc.bureauCode ?? '未分配'}，已不在您的管辖范围内`;
}

/**
 * 事件队列 pages. They render from the same services as the API; the forms POST to /console/incidents/:id/act and
 * redirect back (303) with a message, so everything works without JavaScript. Each op goes through
 * IncidentTriageService, which applies the action's rule (src/auth/policy) exactly as for the API.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/incidents')
export class IncidentConsoleController {
  constructor(
    private readonly query: IncidentQueryService,
    private readonly detail: IncidentDetailService,
    private readonly triage: IncidentTriageService,
    private readonly bulk: IncidentBulkService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async queue(@CurrentPrincipal() p: Principal, @Query() raw: Record<string, unknown>): Promise<string> {
    const q = parseQueueQuery(raw);
    const [page, counts, bureaus] = await Promise.all([
      this.query.list(p, q),
      this.query.counts(p, q),
      this.query.bureauOptions(p),
    ]);
    return renderQueue(p, { q, page, counts, bureaus, hq: isHq(p), msg: str(raw.msg), err: str(raw.err) });
  }

  /** 导出: the list as filtered on the page (all pages, the user's scope), as XLSX or CSV. */
  @Get('export')
  async export(
    @CurrentPrincipal() p: Principal,
    @Query() raw: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const format = raw.format === 'csv' ? 'csv' : 'xlsx';
    const { format: _format, ...filters } = raw;
    const q = parseQueueQuery(filters);
    const { rows, truncated } = await this.query.exportRows(p, { ...q, cursor: undefined }, EXPORT_MAX_ROWS);
    const body = format === 'csv' ? incidentsCsv(rows) : await incidentsXlsx(rows, this.clock.now());
    const stamp = formatShanghai(this.clock.now())
      .replace(/[^0-9]/g, '')
      .slice(0, 12);
    res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE);
    res.setHeader(
      'Content-Disposition',
      contentDisposition({ utf8: `舆情事件列表-${stamp}.${format}`, ascii: `incidents-${stamp}.${format}` }),
    );
    res.setHeader('Cache-Control', 'no-store');
    // More rows matched than one file holds: said in a header, and the page tells people to narrow the filters.
    res.setHeader('X-Export-Truncated', truncated ? '1' : '0');
    res.send(body);
  }

  @Get(':id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async incident(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Query('msg') msg?: unknown,
    @Query('err') err?: unknown,
    @Query() q: Record<string, unknown> = {},
  ): Promise<string> {
    // A refused 上报 comes back with what was typed (REPORT_FIELDS), so the form need not be filled in again.
    const typed = Object.fromEntries(REPORT_FIELDS.map((k) => [k, str(q[k])?.slice(0, 200) ?? '']));
    return renderDetail(p, await this.detail.get(p, id), { msg: str(msg), err: str(err) }, typed);
  }

  /**
   * 批量处理 from the queue: each ticked row carries "id:version" (the version the user saw). Every incident goes
   * through the single action's service method in its own transaction; the redirect reports successes and failures.
   */
  @Post('bulk')
  async bulkAct(@CurrentPrincipal() p: Principal, @Body() form: Form, @Res() res: Response): Promise<void> {
    const back = str(form?.back);
    // Only back to the queue itself (its filters are kept), never to another site.
    const base =
      back?.startsWith('/console/incidents') && !back.startsWith('//') ? back : '/console/incidents';
    const go = (params: Record<string, string | undefined>) => {
      const u = new URL(base, 'http://console.invalid');
      u.searchParams.delete('msg');
      u.searchParams.delete('err');
      for (const [k, v] of Object.entries(params)) if (v) u.searchParams.set(k, v);
      res.redirect(303, `${u.pathname}${u.search}`);
    };
    try {
      const op = str(form?.op);
      if (!isBulkOp(op)) throw badInput('请选择批量操作');
      const targets: BulkTarget[] = ([] as string[]).concat(form?.pick ?? []).map((v) => {
        const m = /^([0-9]{1,18}):([0-9]{1,9})$/.exec(v);
        if (!m) throw badInput('页面已过期，请刷新后重试');
        return { id: m[1], expectedVersion: Number(m[2]) };
      });
      const outcomes = await this.bulk.apply(p, op, targets, {
        reason: str(form.reason),
        comment: str(form.comment)?.trim() || undefined,
        bureauCode: str(form.bureauCode)?.trim() || null,
        intoId: str(form.intoId)?.trim(),
      });
      go(summariseBulk(op, outcomes));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      go({ err: e.message });
    }
  }

  @Post(':id/act')
  async act(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() form: Form,
    @Res() res: Response,
  ): Promise<void> {
    const back = (params: Record<string, string>, target = id) =>
      res.redirect(303, `/console/incidents/${target}?${new URLSearchParams(params).toString()}`);
    try {
      const { message, target, after } = await this.dispatch(p, id, form ?? {});
      // Handed beyond the actor's reach (a reassignment, or a routing rule placing it at confirmation): its page would
      // refuse them, so they go back to the queue with what happened.
      if (after && !canSee(p, after)) {
        res.redirect(
          303,
          `/console/incidents?${new URLSearchParams({ msg: `${message}；${leftNote(after)}` })}`,
        );
        return;
      }
      back({ msg: message }, target);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const typed = str(form?.op) === 'report' ? REPORT_FIELDS.map((k) => [k, str(form[k]) ?? '']) : [];
      back({ err: e.message, ...Object.fromEntries(typed.filter(([, v]) => v)) });
    }
  }

  private async dispatch(
    p: Principal,
    id: string,
    f: Form,
  ): Promise<{ message: string; target?: string; after?: IncidentSnapshot }> {
    // Who may do each op is decided by IncidentTriageService (src/auth/policy), as for the API.
    const op = str(f.op) ?? '';
    const expectedVersion = Number(str(f.expectedVersion));
    if (!Number.isInteger(expectedVersion) || expectedVersion < 1) throw badInput('页面已过期，请刷新后重试');
    const v = { expectedVersion, comment: str(f.comment) };
    switch (op) {
      case 'dismiss':
        await this.triage.dismiss(p, id, { ...v, reason: str(f.reason) ?? '' });
        return { message: `已排除（${str(f.reason)}）` };
      case 'regrade':
        await this.triage.regrade(p, id, { ...v, grade: str(f.grade) ?? '', reason: str(f.reason) });
        return { message: '等级已调整' };
      case 'recategorise':
        await this.triage.recategorise(p, id, { ...v, category: str(f.category) ?? '' });
        return { message: '类别已调整' };
      case 'reassign': {
        const code = str(f.bureauCode)?.trim() || null;
        if (code !== null && !/^[0-9]{2,6}$/.test(code)) throw badInput('单位代码应为 2–6 位数字');
        const after = await this.triage.reassign(p, id, { ...v, bureauCode: code });
        return { message: code ? `已改派给单位 ${code}` : '已改为未分配', after };
      }
      case 'merge': {
        const into = str(f.intoId)?.trim() ?? '';
        if (!/^[0-9]{1,18}$/.test(into)) throw badInput('请输入目标事件编号');
        await this.triage.merge(p, id, { ...v, intoId: into });
        return { message: `已将事件 #${id} 合并到本事件`, target: into };
      }
      case 'split': {
        const ids = ([] as string[]).concat(f.itemIds ?? []);
        const r = await this.triage.split(p, id, { ...v, itemIds: ids });
        return { message: `已拆分出事件 #${r.created.id}` };
      }
      case 'review': {
        const decision = str(f.decision) as ReviewDecision;
        if (!REVIEW_DECISIONS.includes(decision)) throw badInput('请选择复核结论');
        const grade = decision === 'regrade' ? str(f.grade) : undefined;
        await this.triage.answerReview(p, id, {
          expectedVersion,
          decision,
          reason: str(f.reason) ?? '',
          grade,
        });
        return { message: `已提交复核结论：${REVIEW_DECISION_LABELS[decision]}` };
      }
      case 'comment':
        await this.triage.comment(p, id, { expectedVersion, comment: str(f.comment) ?? '' });
        return { message: '备注已添加' };
      case 'claim':
        await this.triage.claim(p, id, v);
        return { message: '已认领' };
      case 'release':
        await this.triage.release(p, id, v);
        return { message: '已释放认领' };
      default: {
        if (!isAction(op)) throw badInput(`未知操作 ${op}`);
        const report = {
          reportType: str(f.reportType),
          reportedTo: str(f.reportedTo),
          reference: str(f.reference),
        };
        const after = await this.triage.transition(p, id, op, { ...v, reason: str(f.reason), ...report });
        return { message: `已${ACTION_LABELS[op]}`, after };
      }
    }
  }
}
