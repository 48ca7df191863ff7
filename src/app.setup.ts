import { INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request } from 'express';
import { SESSION_COOKIE } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { ConsoleExceptionFilter } from './console/console-exception.filter';
import { AppConfig } from './infrastructure/config/app.config';
import { answerClientErrors } from './infrastructure/http/client-error';
import { docsAccess } from './infrastructure/http/docs-access';
import {
  bodyParserErrors,
  guardParsedBody,
  guardQuery,
  refuseFormBodiesOnApi,
} from './infrastructure/http/input-guards';
import { IdParamsPipe } from './infrastructure/http/parse-id.pipe';
import { sameOriginGuard } from './infrastructure/http/same-origin.guard';
import { securityHeaders } from './infrastructure/http/security-headers';

/** Routes authenticated by a signed token in the URL (escalation action links), not by the session cookie. */
const SIGNED_LINK_PATHS = ['/links/'];

/**
 * Everything main.ts and the e2e tests both need on the HTTP application. Order matters: headers on every answer,
 * then the checks that need no body (form bodies on the API, CSRF origin, query string), then Nest's parsers
 * (registered here so the body checks can follow them), then the parsed-body checks (issue 12 points 8 and 9).
 */
export function configureApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  const config = app.get(AppConfig);
  express.set('trust proxy', 'loopback');
  express.disable('x-powered-by');
  app.use(securityHeaders({ hsts: config.COOKIE_SECURE }));
  app.use(cookieParser());
  app.use(refuseFormBodiesOnApi);
  app.use(sameOriginGuard(config.PUBLIC_BASE_URL, SESSION_COOKIE, SIGNED_LINK_PATHS));
  app.use(guardQuery);
  express.useBodyParser('json');
  express.useBodyParser('urlencoded', { extended: true });
  app.use(bodyParserErrors);
  app.use(guardParsedBody);
  app.useGlobalPipes(
    new IdParamsPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  // Errors on a path no route serves, or one Express cannot decode, reach only global filters, before any guard has
  // identified the user: this one shows them to browsers in the console's layouts (it looks the session up itself)
  // and answers the rest (JSON, the 401 login redirect) as DomainExceptionFilter does. Nest tries the global filter
  // registered last first, so it takes over from AppModule's APP_FILTER.
  app.useGlobalFilters(ConsoleExceptionFilter.appWide(app.get(AuthService)));
  // What Node's parser refuses (headers over 16 KB) never reaches Express: answered in Chinese, not with an empty 431.
  answerClientErrors(app.getHttpServer());
  setUpApiDocs(app, config);
}

/** Swagger UI at /api/docs: behind login in production by default (issue 12 point 13), see API_DOCS. */
function setUpApiDocs(app: INestApplication, config: AppConfig): void {
  const mode = config.API_DOCS ?? (config.NODE_ENV === 'production' ? 'login' : 'public');
  if (mode === 'off') return;
  if (mode === 'login') {
    const auth = app.get(AuthService);
    app.use(
      docsAccess(async (req: Request) => {
        const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
        const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
        const p = bearer
          ? await auth.principalFromToken(bearer)
          : cookie
            ? await auth.principalFromSession(cookie)
            : null;
        return p !== null;
      }),
    );
  }
  const doc = new DocumentBuilder()
    .setTitle('舆情哨 yuqing sentinel API')
    .setDescription('Public-opinion monitoring and emergency reporting for tax administrations')
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth('ys_session')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc));
}
