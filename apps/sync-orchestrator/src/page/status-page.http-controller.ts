import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { QueryTokenAllowed } from '@sf/http-auth';
import { ApiAnswers } from '@sf/service-kit';
import { Routes } from '../wire-names';
import { HTTP_DEPS, type HttpDeps } from '../http/http-deps';
import { statusPageHtml } from './status-page';

/** `GET /status-page`: the firm's status page (HTML), opened with a short-lived token in `?access_token=`. */
@ApiTags('live')
@ApiBearerAuth()
@Controller(Routes.statusPage)
export class StatusPageController {
  private readonly html: string;
  constructor(@Inject(HTTP_DEPS) deps: HttpDeps) {
    this.html = statusPageHtml({ tokenUrl: deps.statusPageTokenUrl ?? null });
  }

  @Get()
  @QueryTokenAllowed()
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiAnswers(
    {
      mediaType: 'text/html',
      description: 'The status page (HTML); its script reads the JSON routes and the live stream',
    },
    [],
  )
  page(): string {
    return this.html;
  }
}
