import { Body, Controller, Get, Header, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Can } from '../auth/auth.decorators';
import { ScopeService } from '../auth/scope.service';
import { ContactsService } from '../organisation/contacts.service';
import type { ContactView } from '../organisation/organisation.types';
import { ContactFormRow, renderContactsImport } from './contacts-edit.view';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { ContactsEdit } from './bureau-detail.view';
import type { Principal } from '../auth/roles';
import { isBureauCode, isBureauLevel } from './bureau-labels';
import { renderBureauDetail } from './bureau-detail.view';
import { renderDirectory } from './bureau-directory.view';
import { BureauPagesService } from './bureau-pages.service';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { DomainError } from '../infrastructure/http/domain-error';

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const rowOf = (c: ContactView): ContactFormRow => ({
  role: c.role,
  name: c.name,
  title: c.title ?? '',
  email: c.email,
  phone: c.phone ?? '',
});

/** 单位目录: the bureau tree and search (/console/bureaus) and one bureau's page (/console/bureaus/:code). */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/bureaus')
export class BureauPagesController {
  constructor(
    private readonly pages: BureauPagesService,
    private readonly scope: ScopeService,
    private readonly contacts: ContactsService,
  ) {}

  /** 导入联系人: the paste form (registered before :code, though the two-segment path cannot clash with it). */
  @Get('contacts/import')
  @Can('contacts.edit')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  importPage(@CurrentPrincipal() p: Principal): string {
    return renderContactsImport(p, { csv: '', preview: null, msg: '', err: '' });
  }

  /** op=preview parses and validates without writing; op=import applies the file (all or nothing). */
  @Post('contacts/import')
  @Can('contacts.edit')
  async importContacts(
    @CurrentPrincipal() p: Principal,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    const csv = str(body?.csv);
    const preview = await this.contacts.previewCsv(p, csv);
    const model = {
      csv,
      preview: { rows: preview.rows, issues: preview.issues, valid: preview.contacts.length },
      msg: '',
      err: '',
    };
    if (str(body?.op) === 'import') {
      if (preview.issues.length === 0 && preview.contacts.length > 0) {
        const r = await this.contacts.importCsv(p, csv);
        res.type('html').send(
          renderContactsImport(p, {
            csv: '',
            preview: null,
            msg: `已导入：${r.bureaus} 个单位，${r.contacts} 条联系人`,
            err: '',
          }),
        );
        return;
      }
      model.err =
        preview.contacts.length === 0 && preview.issues.length === 0 ? '文件中没有联系人' : '有错误，未导入';
      res.status(400);
    }
    res.type('html').send(renderContactsImport(p, model));
  }

  @Get()
  @Can('contacts.view')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async directory(
    @CurrentPrincipal() p: Principal,
    @Query('q') q?: unknown,
    @Query('level') level?: unknown,
    @Query('open') open?: unknown,
  ): Promise<string> {
    const model = await this.pages.directory(p, {
      q: typeof q === 'string' ? q.slice(0, 50) : '',
      level: isBureauLevel(level) ? level : null,
      open: isBureauCode(open) ? open : null,
    });
    return renderDirectory(p, model);
  }

  @Get(':code')
  @Can('contacts.view')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async bureau(
    @CurrentPrincipal() p: Principal,
    @Param('code') code: string,
    @Query('msg') msg?: unknown,
  ): Promise<string> {
    if (!isBureauCode(code))
      throw new DomainError('not_found', 'CONSOLE_BUREAU_NOT_FOUND', `单位 ${code} 不存在`);
    const model = await this.pages.detail(p, code);
    const edit: ContactsEdit | null = (await this.mayEdit(p, code))
      ? { rows: model.bureau.contacts.map(rowOf), issues: [], msg: msg === 'saved' ? '联系人已保存' : '' }
      : null;
    return renderBureauDetail(p, model, edit);
  }

  /** Saves the edit form: the bureau's contacts become the submitted rows (checked like a CSV import). */
  @Post(':code/contacts')
  @Can('contacts.edit')
  async saveContacts(
    @CurrentPrincipal() p: Principal,
    @Param('code') code: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    if (!isBureauCode(code))
      throw new DomainError('not_found', 'CONSOLE_BUREAU_NOT_FOUND', `单位 ${code} 不存在`);
    await this.scope.authorize(p, 'contacts.edit', code);
    res.setHeader('Cache-Control', 'no-store');
    const c = body?.c;
    const submitted = (c && typeof c === 'object' ? Object.values(c as Record<string, unknown>) : []).slice(
      0,
      100,
    );
    const rows: ContactFormRow[] = [];
    for (const v of submitted) {
      const f = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
      const row = {
        role: str(f.role),
        name: str(f.name),
        title: str(f.title),
        email: str(f.email),
        phone: str(f.phone),
      };
      if (f.remove === '1') continue;
      if (!row.role && !row.name && !row.title && !row.email && !row.phone) continue;
      rows.push(row);
    }
    const issues = await this.contacts.replaceForBureau(p, code, rows);
    if (issues.length === 0) {
      res.redirect(303, `/console/bureaus/${code}?msg=saved`);
      return;
    }
    const model = await this.pages.detail(p, code);
    res
      .status(400)
      .type('html')
      .send(renderBureauDetail(p, model, { rows, issues, msg: '' }));
  }

  private mayEdit(p: Principal, code: string): Promise<boolean> {
    return this.scope.authorize(p, 'contacts.edit', code).then(
      () => true,
      () => false,
    );
  }
}
