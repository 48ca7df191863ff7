import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { DomainError } from '../infrastructure/http/domain-error';
import { CONSOLE_ASSETS, ConsoleAsset } from './console-assets';

/** Stylesheet, scripts and icon of the console; public because the login page needs them too. */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleAssetsController {
  @Get('console/assets/:name')
  serve(@Param('name') name: string, @Req() req: Request, @Res() res: Response): void {
    const a = Object.hasOwn(CONSOLE_ASSETS, name) ? CONSOLE_ASSETS[name] : undefined;
    if (!a) throw new DomainError('not_found', 'CONSOLE_ASSET_NOT_FOUND', `no asset ${name}`);
    send(a, req, res);
  }

  /** Where every browser asks for a tab icon: answered, so no 404 is logged for each first visit. */
  @Get('favicon.ico')
  favicon(@Req() req: Request, @Res() res: Response): void {
    send(CONSOLE_ASSETS['favicon.svg'], req, res);
  }
}

function send(a: ConsoleAsset, req: Request, res: Response): void {
  const etag = `"${a.hash}"`;
  res.setHeader('ETag', etag);
  // Pages link assets with ?v=<hash>, so a cached copy can never be stale.
  res.setHeader('Cache-Control', req.query.v === a.hash ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  res.type(a.contentType).send(a.body);
}
