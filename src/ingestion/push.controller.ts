import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { PushRequest } from './push-body.reader';
import { PushService } from './push.service';

/**
 * Push endpoint for vendor crawlers. @Public at guard level because a signed push carries no login: PushIntake
 * authenticates every request on its headers before reading the body (HMAC signature of the source, checked over
 * the body by PushService, or a bearer API token).
 */
@ApiTags('ingestion')
@ApiBearerAuth()
@Public()
@Controller('api/ingest')
export class PushController {
  constructor(private readonly push: PushService) {}

  @Post('items')
  @HttpCode(200)
  @ApiHeader({ name: 'X-Yuqing-Source', required: false, description: 'push source id (signed requests)' })
  @ApiHeader({
    name: 'X-Yuqing-Timestamp',
    required: false,
    description: 'Unix seconds, within ±5 min (signed requests)',
  })
  @ApiHeader({
    name: 'X-Yuqing-Signature',
    required: false,
    description: 'sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>',
  })
  @ApiBody({
    description:
      '{sourceId?, items: [{id, title, text | html, url?, author?, publishedAt?}]}, at most 1,000 items',
  })
  ingest(@Req() req: PushRequest) {
    return this.push.ingest(req.pushAuth, req.rawPushBody, req.headers['content-type']);
  }
}
