import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { DomainError } from '../infrastructure/http/domain-error';
import { CONSOLE_ASSETS } from './console-assets';

/** Stylesheet and script of the console; public because the login page needs them too. */
@ApiExcludeController()
@Public()
@Controller('console/assets')
export class ConsoleAssetsController {
  @Get(':name')
  serve(@Param('name') name: string, @Req() req: Request, @Res() res: Response): void {
    const a = Object.hasOwn(CONSOLE_ASSETS, name) ? CONSOLE_ASSETS[name] : undefined;
    if (!a) throw new DomainError('not_found', 'CONSOLE_ASSET_NOT_FOUND', `no asset ${name}`);
    const etag = `"${a.hash}"`;
    res.setHeader('ETag', etag);
    // Pages link assets with ?v=<hash>, so a cached copy can never be stale.
    res.setHeader(
      'Cache-Control',
      req.query.v === a.hash ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.type(a.contentType).send(a.body);
  }
}
