import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { QueryTokenAllowed } from '@sf/http-auth';
import { ApiAnswers } from '@sf/service-kit';
import { Routes } from '../wire-names';
import { STATUS_PAGE_HTML } from './status-page';

/** `GET /status-page`: the firm's status page (HTML), opened with a short-lived token in `?access_token=`. */
@ApiTags('live')
@ApiBearerAuth()
@Controller(Routes.statusPage)
export class StatusPageController {
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
    return STATUS_PAGE_HTML;
  }
}
