import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Can, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { ContactsService } from './contacts.service';
import { OrganisationError } from './organisation.errors';
import {
  BureauCodeParam,
  ExportContactsQuery,
  ImportResultDto,
  SearchBureausQuery,
  SubtreeQuery,
} from './organisation.dto';
import { OrganisationService } from './organisation.service';

/** Contact files are a few hundred KB even for the whole country; anything far bigger is a mistake. */
const MAX_CSV_BYTES = 5 * 1024 * 1024;
const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];

/** The raw request body (Nest only parses JSON and forms, so a text/csv stream is still unread here). */
async function readCsvBody(req: Request): Promise<Buffer> {
  if (!req.is(CSV_TYPES)) {
    throw new OrganisationError(
      'invalid',
      'ORG_CSV_CONTENT_TYPE',
      '请以 Content-Type: text/csv 上传联系人文件',
    );
  }
  // Should a global text parser ever be installed, the body arrives already read.
  if (Buffer.isBuffer(req.body)) return req.body;
  if (typeof req.body === 'string') return Buffer.from(req.body, 'utf8');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CSV_BYTES) {
      // The rest of the upload is never read: close the connection after the 413 instead of keeping it alive.
      req.res?.setHeader('Connection', 'close');
      throw new OrganisationError(
        'too_large',
        'ORG_CSV_TOO_LARGE',
        `联系人文件超过 ${MAX_CSV_BYTES / 1024 / 1024} MB`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Any logged-in role may read within its subtree ('contacts.view'); 'contacts.edit' imports contacts. */
@ApiTags('organisation')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api')
export class OrganisationController {
  constructor(
    private readonly org: OrganisationService,
    private readonly contacts: ContactsService,
  ) {}

  @Get('bureaus')
  @ApiOperation({ summary: 'Search (or list) bureaus in your subtree, best match first' })
  search(@Query() q: SearchBureausQuery, @CurrentPrincipal() p: Principal) {
    return this.org.search(p, q.q ?? '', { limit: q.limit, level: q.level });
  }

  @Get('bureaus/:code')
  @ApiOperation({ summary: 'One bureau with its contacts, ancestors and number of children' })
  get(@Param() { code }: BureauCodeParam, @CurrentPrincipal() p: Principal) {
    return this.org.get(p, code);
  }

  @Get('bureaus/:code/children')
  children(@Param() { code }: BureauCodeParam, @CurrentPrincipal() p: Principal) {
    return this.org.children(p, code);
  }

  @Get('bureaus/:code/subtree')
  subtree(@Param() { code }: BureauCodeParam, @Query() q: SubtreeQuery, @CurrentPrincipal() p: Principal) {
    return this.org.subtree(p, code, { maxDepth: q.maxDepth });
  }

  @Get('bureaus/:code/ancestors')
  @ApiOperation({ summary: 'Ancestors, root first (for breadcrumbs; shown even above your own bureau)' })
  ancestors(@Param() { code }: BureauCodeParam, @CurrentPrincipal() p: Principal) {
    return this.org.ancestors(p, code);
  }

  @Get('organisation/contacts.csv')
  @ApiOperation({ summary: 'Export the contacts of a subtree as CSV (UTF-8 with BOM, re-importable)' })
  @ApiProduces('text/csv')
  async exportContacts(
    @Query() q: ExportContactsQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const csv = await this.contacts.exportCsv(p, q.scope);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="contacts-${q.scope ?? p.bureauCode}.csv"`);
    return csv;
  }

  @Post('organisation/contacts.csv')
  @Can('contacts.edit')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Import contacts (admin). The file replaces the contacts of the bureaus it mentions; all or nothing',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: 'bureau_code,role,name,title,email,phone\n4403,head,张三,局长,zs@example.cn,',
    },
  })
  @ApiOkResponse({ type: ImportResultDto })
  async importContacts(@Req() req: Request, @CurrentPrincipal() p: Principal): Promise<ImportResultDto> {
    return this.contacts.importCsv(p, await readCsvBody(req));
  }
}
