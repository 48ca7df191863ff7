import { Body, Controller, Get, Header, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '../infrastructure/http/domain-error';
import { validateEnv } from '../infrastructure/config/validate-env';
import { fetchFeed } from '../ingestion/fetch/feed-fetcher';
import { fetchOptionsFrom } from '../ingestion/fetch/fetch-options';
import { FETCH_ERROR_LABELS } from '../ingestion/fetch/fetch-error-labels';
import { IngestionConfig } from '../ingestion/ingestion.config';
import { renderNewSource, renderSourceDetail, SourceForm, TestFetchResult } from './source-form.view';
import { feedUrlProblem } from './source-input';
import { SourceView } from './source.types';
import { Can, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { ConsoleExceptionFilter } from '../console/console-exception.filter';
import { renderSourcesPage } from './sources-page.view';
import { SourcesService } from './sources.service';
import { HealthStatus } from './source.types';

type Form = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const STATUS: Partial<Record<DomainError['kind'], number>> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};
const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  kind: '类型',
  url: '地址',
  bureau_code: '单位代码',
  region_code: '行政区划',
  authority_tier: '权威级别',
  min_interval: '最短间隔',
  max_interval: '最长间隔',
  enabled: '启用',
};

/** A refused write in words: field errors with Chinese field names, otherwise the service's message. */
function errorText(e: DomainError): string {
  const errors = (e.details as { errors?: { field: string; message: string }[] } | undefined)?.errors;
  if (Array.isArray(errors))
    return errors.map((x) => `${FIELD_LABELS[x.field] ?? x.field}：${x.message}`).join('；');
  return e.message;
}

function formOf(b: Form, defaults = false): SourceForm {
  return {
    name: str(b.name),
    kind: str(b.kind) === 'push' ? 'push' : 'feed',
    url: str(b.url),
    bureauCode: str(b.bureauCode),
    authorityTier: str(b.authorityTier) || 'local',
    minIntervalSeconds: str(b.minIntervalSeconds) || (defaults ? '300' : ''),
    maxIntervalSeconds: str(b.maxIntervalSeconds) || (defaults ? '3600' : ''),
    enabled: defaults ? true : b.enabled === '1',
  };
}

const formFromSource = (s: SourceView): SourceForm => ({
  name: s.name,
  kind: s.kind,
  url: s.url ?? '',
  bureauCode: s.bureauCode ?? '',
  authorityTier: s.authorityTier,
  minIntervalSeconds: String(s.minIntervalSeconds),
  maxIntervalSeconds: String(s.maxIntervalSeconds),
  enabled: s.enabled,
});

const inputOf = (f: SourceForm) => ({
  name: f.name,
  url: f.url || null,
  bureauCode: f.bureauCode || null,
  authorityTier: f.authorityTier,
  minIntervalSeconds: f.minIntervalSeconds || undefined,
  maxIntervalSeconds: f.maxIntervalSeconds || undefined,
  enabled: f.enabled,
});

// Worst first: what needs a person on top.
const ORDER: HealthStatus[] = ['attention', 'failing', 'stale', 'pending', 'ok', 'disabled'];

/** 信息源 console page (/console/sources): the sources the user may see, with their health. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/sources')
export class SourcesPageController {
  constructor(
    private readonly sources: SourcesService,
    private readonly moduleRef: ModuleRef,
  ) {}

  @Get()
  @Can('source.view')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list(
    @CurrentPrincipal() p: Principal,
    @Query('q') q?: unknown,
    @Query('attention') attention?: unknown,
    @Query('msg') msg?: unknown,
  ): Promise<string> {
    const query = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const attentionOnly = attention === '1';
    const sources = await this.sources.list(p, {
      q: query || undefined,
      ...(attentionOnly ? { needsAttention: true } : {}),
    });
    sources.sort(
      (a, b) =>
        ORDER.indexOf(a.health.status) - ORDER.indexOf(b.health.status) || a.name.localeCompare(b.name, 'zh'),
    );
    return renderSourcesPage(p, {
      sources,
      q: query,
      attentionOnly,
      msg: typeof msg === 'string' ? msg.slice(0, 200) : '',
    });
  }

  @Get('new')
  @Can('source.manage')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  newSource(@CurrentPrincipal() p: Principal): string {
    return renderNewSource(p, formOf({ bureauCode: p.bureauCode === '00' ? '' : p.bureauCode }, true));
  }

  /** 测试抓取 (op=test) fetches and parses without saving; 保存 (op=save) creates the source. */
  @Post('new')
  @Can('source.manage')
  async create(@CurrentPrincipal() p: Principal, @Body() body: Form, @Res() res: Response): Promise<void> {
    const f = formOf(body ?? {});
    res.setHeader('Cache-Control', 'no-store');
    if (str(body?.op) === 'test') {
      res.type('html').send(renderNewSource(p, f, await this.testFetch(f.url)));
      return;
    }
    try {
      const created = await this.sources.create({ ...inputOf(f), kind: f.kind }, p);
      if (created.pushSecret) {
        res
          .type('html')
          .send(await this.detailPage(p, created.id, { msg: '推送源已创建', secret: created.pushSecret }));
        return;
      }
      res.redirect(303, `/console/sources/${created.id}?msg=${encodeURIComponent('信息源已创建')}`);
    } catch (e) {
      if (!(e instanceof DomainError) || !STATUS[e.kind]) throw e;
      res
        .status(STATUS[e.kind]!)
        .type('html')
        .send(renderNewSource(p, f, undefined, errorText(e)));
    }
  }

  @Get(':id')
  @Can('source.view')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  detail(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Query() q: Form): Promise<string> {
    return this.detailPage(p, id, { msg: str(q.msg), err: str(q.err) });
  }

  /** Row and detail-page actions: op = save | pause | resume | check | rotate | delete. */
  @Post(':id')
  @Can('source.manage')
  async act(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: Form,
    @Res() res: Response,
  ): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    const back = (params: Record<string, string>) =>
      res.redirect(303, `/console/sources/${id}?${new URLSearchParams(params).toString()}`);
    const f = body ?? {};
    try {
      switch (str(f.op)) {
        case 'save': {
          const form = formOf(f);
          await this.sources.update(id, inputOf(form), p);
          return back({ msg: '修改已保存' });
        }
        case 'pause':
          await this.sources.update(id, { enabled: false }, p);
          return back({ msg: '已暂停采集' });
        case 'resume':
          await this.sources.update(id, { enabled: true }, p);
          return back({ msg: '已恢复采集' });
        case 'check':
          await this.sources.checkNow(id, p);
          return back({ msg: '已安排立即检查' });
        case 'rotate': {
          const r = await this.sources.rotateSecret(id, p);
          res
            .type('html')
            .send(await this.detailPage(p, id, { msg: '密钥已重置，旧密钥立即失效', secret: r.pushSecret }));
          return;
        }
        case 'delete':
          if (str(f.confirm) !== '1') return back({ err: '请勾选“确认删除”后再删除' });
          await this.sources.remove(id, p);
          res.redirect(303, `/console/sources?msg=${encodeURIComponent('信息源已删除')}`);
          return;
        default:
          return back({ err: '未知操作' });
      }
    } catch (e) {
      if (!(e instanceof DomainError) || !STATUS[e.kind] || e.kind === 'not_found' || e.kind === 'forbidden')
        throw e;
      return back({ err: errorText(e) });
    }
  }

  private async detailPage(
    p: Principal,
    id: string,
    extra: { msg?: string; err?: string; secret?: string },
  ): Promise<string> {
    const source = await this.sources.get(p, id);
    const errors = await this.sources.errors(p, id, 20);
    return renderSourceDetail(p, {
      source,
      errors,
      canManage: await this.sources.mayManage(p, source),
      form: formFromSource(source),
      ...extra,
    });
  }

  /** Fetches and parses the URL exactly as the poller does (same fetcher, SSRF guard and FETCH_* settings). */
  private async testFetch(url: string): Promise<TestFetchResult> {
    if (!url) return { ok: false, error: '请填写地址' };
    const problem = feedUrlProblem(url);
    if (problem) return { ok: false, error: problem };
    const outcome = await fetchFeed(url, {}, fetchOptionsFrom(this.ingestionConfig()));
    if (outcome.kind === 'error') {
      const status = outcome.status === null ? '' : `（HTTP ${outcome.status}）`;
      return {
        ok: false,
        error: `${FETCH_ERROR_LABELS[outcome.errorKind] ?? outcome.errorKind}${status}：${outcome.message}`,
      };
    }
    if (outcome.kind === 'not_modified') return { ok: true, title: null, total: 0, items: [] };
    return {
      ok: true,
      title: outcome.feed.title,
      total: outcome.feed.items.length,
      items: outcome.feed.items
        .slice(0, 20)
        .map((i) => ({ title: i.title ?? '', time: i.publishedAt, link: i.link })),
    };
  }

  /** The poller's settings (IngestionModule imports this module, so it is looked up, not injected). */
  private ingestionConfig(): IngestionConfig {
    try {
      return this.moduleRef.get(IngestionConfig, { strict: false });
    } catch {
      return validateEnv(IngestionConfig);
    }
  }
}
